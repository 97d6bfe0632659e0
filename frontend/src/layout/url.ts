// Screen state kept in the URL (filters, searches), so a screen can be
// bookmarked, shared, reloaded and stepped through with back and forward.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The URL's query as it is now. The router renders a new URL in a React
 * transition, after the history already holds it: a change must start from
 * this, not from what the last render saw, or it undoes the one before.
 */
export function liveParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/**
 * The query, and a way to change some of its keys (empty or null: removed).
 * A change is a step that Back undoes, unless step is false (typing).
 */
export function useUrlParams(): [URLSearchParams, (change: Record<string, string | null>, step?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback((change: Record<string, string | null>, step = true) => {
    const next = liveParams();
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: !step });
  }, [setParams]);
  return [params, set];
}

/**
 * A search box over a value of the URL: what is typed is written once typing
 * pauses (one query per pause, not per key), and a change of the URL from
 * elsewhere (clear, back) shows in the box unless it is what the box wrote.
 */
export function useUrlText(value: string, write: (text: string) => void, delay = 250): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const wrote = useRef(value);
  const writeRef = useRef(write);
  writeRef.current = write;
  useEffect(() => {
    if (value !== wrote.current) {
      wrote.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text === wrote.current) return;
    const id = setTimeout(() => {
      wrote.current = text;
      writeRef.current(text);
    }, delay);
    return () => clearTimeout(id);
  }, [text, delay]);
  return [text, setText];
}
