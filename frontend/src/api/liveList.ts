// A screen's live updates: every committed change to the records its
// filters select, or to the ones it shows (to hear them leave), as the
// server streams them. The screen reads itself afresh a moment after a
// burst of changes (and after the stream was lost and opened again), and
// may mark what someone else changed.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSubscription, type AnyVariables, type TypedDocumentNode } from 'urql';
import { onResync } from './live';

/** How long after a change the screen reads itself again: a burst is one read. */
const settle = 250;

export interface LiveChange { id: string; operation: string; by?: { id: string; name: string } | null }

export function useLiveList<D, V extends AnyVariables>(query: TypedDocumentNode<D, V>, change: (data: D) => LiveChange,
  variables: V, reload: () => void, onChange?: (c: LiveChange) => void, pause = false) {
  const handler = useRef(onChange);
  handler.current = onChange;
  const pick = useRef(change);
  pick.current = change;
  const later = useRef(reload);
  later.current = reload;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schedule = useMemo(() => () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => later.current(), settle);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => onResync(schedule), [schedule]);
  useSubscription<D, D, V>({ query, variables, pause }, (_prev, data) => {
    handler.current?.(pick.current(data));
    schedule();
    return data;
  });
}

/** The IDs a screen shows, as one stable list: the same cards are no new subscription. */
export function useFollowed(ids: string[]): string[] {
  const key = [...ids].sort().join(',');
  return useMemo(() => (key ? key.split(',') : []), [key]);
}

/** Who else changed which record a moment ago, for a minute; the viewer's own changes are not marked. */
export function useChangedBy(viewerID: string) {
  const [changed, setChanged] = useState<Record<string, { name: string; moved: boolean }>>({});
  const mark = useCallback((c: LiveChange) => {
    if (!c.by || c.by.id === viewerID) return;
    const m = { name: c.by.name, moved: c.operation === 'moveTender' };
    setChanged((x) => ({ ...x, [c.id]: m }));
    setTimeout(() => setChanged((x) => {
      if (x[c.id] !== m) return x;
      const { [c.id]: _, ...rest } = x;
      return rest;
    }), 60_000);
  }, [viewerID]);
  return [changed, mark] as const;
}
