// The board's live updates: every committed change to a tender the board's
// filters select, or to one it shows (to hear it leave), as the server
// streams them (tenderChanged). The board reads itself afresh a moment
// after a burst of them, and marks the cards someone else changed.
import { useEffect, useMemo, useRef } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../gql';
import type { TenderChangesSubscription, TenderWhereInput } from '../gql/graphql';
import { onResync } from '../api/live';

export const TenderChanges = graphql(`
  subscription TenderChanges($where: TenderWhereInput, $follow: [ID!]) {
    tenderChanged(where: $where, follow: $follow) {
      id action operation matches at
      by { id name }
      tender { ...PipelineCard }
    }
  }
`);

export type TenderChange = TenderChangesSubscription['tenderChanged'];

/** How long after a change the board reads itself again: a burst is one read. */
const settle = 250;

export function useLiveTenders(where: TenderWhereInput, shown: string[], onChange: (c: TenderChange) => void, reload: () => void) {
  // the IDs as one key: a new array of the same cards is no new subscription
  const key = [...shown].sort().join(',');
  const follow = useMemo(() => (key ? key.split(',') : []), [key]);
  const handler = useRef(onChange);
  handler.current = onChange;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const later = useRef(reload);
  later.current = reload;
  const schedule = useMemo(() => () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => later.current(), settle);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => onResync(schedule), [schedule]);
  useSubscription({ query: TenderChanges, variables: { where, follow } }, (_prev, data) => {
    handler.current(data.tenderChanged);
    schedule();
    return data;
  });
}
