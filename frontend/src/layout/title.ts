import { useEffect } from 'react';

/** Names the page in the browser's tab and history, and for screen readers. */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · freightgraph` : 'freightgraph';
  }, [title]);
}
