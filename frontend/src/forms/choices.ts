// The lists a form or filter picks from.
import { graphql } from '../gql';
import type { Currency } from '../gql/graphql';

export const ManagerChoicesQuery = graphql(`
  query ManagerChoices($role: ManagerRole!) {
    managers(first: 1000, where: {role: $role, active: true}, orderBy: [{field: NAME}]) { edges { node { id name } } }
  }
`);

export const currencies: Currency[] = ['RUB', 'EUR', 'USD', 'CNY', 'KZT', 'BYN', 'TRY', 'AED', 'GBP'];
