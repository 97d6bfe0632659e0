// The board's live updates: the tenders its filters select, and the cards
// it shows (to hear them leave).
import { graphql } from '../gql';

export const TenderChanges = graphql(`
  subscription TenderChanges($where: TenderWhereInput, $follow: [ID!]) {
    tenderChanged(where: $where, follow: $follow) {
      id action operation matches at
      by { id name }
      tender { ...PipelineCard }
    }
  }
`);
