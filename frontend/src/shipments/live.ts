// The shipments lists' live updates: the shipments their tabs select, and
// the rows shown (to hear them leave).
import { graphql } from '../gql';

export const ShipmentChanges = graphql(`
  subscription ShipmentChanges($where: ShipmentWhereInput, $follow: [ID!]) {
    shipmentChanged(where: $where, follow: $follow) {
      id action operation matches at
      by { id name }
    }
  }
`);
