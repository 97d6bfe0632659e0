// The clients a form or filter picks from. Up to a thousand clients come as
// one list; beyond that the list would stop short, so the picker asks for a
// name first and offers the server's matches (the search key that finds
// "лен" for «Лён» and Latin spellings), keeping the client already chosen.
import { useRef, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ClientNamesQuery as ClientNamesAnswer } from '../gql/graphql';
import { nodes } from '../api/nodes';
import { useI18n } from '../i18n/i18n';
import { useUrlText } from '../layout/url';

/** The most clients offered as one list. */
export const wholeList = 1000;

export const ClientNamesQuery = graphql(`
  query ClientNames {
    clients(first: 1000, orderBy: [{field: NAME}]) {
      totalCount
      edges { node { ...ClientChoice } }
    }
  }
`);

export const ClientChoiceFields = graphql(`
  fragment ClientChoice on Client { id name accountManagerID operationsManagerID viewerCan { addTender addShipment } }
`);

const ClientMatchesQuery = graphql(`
  query ClientMatches($text: String!) {
    clients(where: {matches: $text}, first: 50, orderBy: [{field: NAME}]) { edges { node { ...ClientChoice } } }
  }
`);

export type ClientChoice = NonNullable<NonNullable<NonNullable<ClientNamesAnswer['clients']['edges']>[number]>['node']>;

/**
 * The clients to offer, and when there are too many for one list, the box
 * that finds them (to show before the select); selected stays offered.
 */
export function useClientChoices(selected: string): { choices: ClientChoice[]; finder: ReactNode } {
  const { t } = useI18n();
  const [all] = useQuery({ query: ClientNamesQuery });
  const many = (all.data?.clients.totalCount ?? 0) > wholeList;
  const [text, setText] = useState('');
  const [typed, setTyped] = useUrlText('', setText);
  const [found] = useQuery({ query: ClientMatchesQuery, variables: { text: text.trim() }, pause: !many || !text.trim() });
  // every client seen keeps its name, so that the one chosen stays on offer
  const known = useRef(new Map<string, ClientChoice>());
  const listed = many ? nodes(found.data?.clients) : nodes(all.data?.clients);
  for (const c of [...nodes(all.data?.clients), ...listed]) known.current.set(c.id, c);
  const chosen = known.current.get(selected);
  const choices = chosen && !listed.some((c) => c.id === selected) ? [chosen, ...listed] : listed;
  const finder = many ? (
    <input type="search" className="finder" aria-label={t('clients.find')} placeholder={t('clients.find')} value={typed}
      onChange={(e) => setTyped(e.target.value)} />
  ) : null;
  return { choices, finder };
}
