// Live updates: urql's subscriptions over one WebSocket per tab to
// /graphql/live (graphql-transport-ws), signed in by the session cookie the
// socket's request carries. The socket opens with the first subscription
// and closes a moment after the last. When the server ends a stream (it
// fell behind, the server lost changes for a moment, restarted) the
// subscription is opened again and the screen told, so that it reads
// afresh what it may have missed.
import { createClient as createSocket, type Client as Socket } from 'graphql-ws';
import { subscriptionExchange } from 'urql';

let socket: Socket | null = null;

function liveSocket(): Socket {
  if (!socket) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = createSocket({
      url: `${scheme}://${location.host}/graphql/live`,
      lazy: true,
      lazyCloseTimeout: 3000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (n) => new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** n, 15000))),
    });
  }
  return socket;
}

type Resync = () => void;
const resyncs = new Set<Resync>();

/** Calls fn whenever live updates may have missed something; returns the unsubscribe. */
export function onResync(fn: Resync): () => void {
  resyncs.add(fn);
  return () => { resyncs.delete(fn); };
}

/** Ends the tab's live updates (on sign-out: the socket belongs to the session). */
export function closeLive() {
  socket?.dispose();
  socket = null;
}

export const liveExchange = subscriptionExchange({
  forwardSubscription(request) {
    const payload = { ...request, query: request.query ?? '' };
    return {
      subscribe(sink) {
        let stopped = false;
        let stop = () => {};
        // the server ended the stream (or the socket failed for good):
        // open it again in a moment, and tell the screens to read afresh
        const again = () => {
          if (stopped) return;
          setTimeout(() => { if (!stopped) { open(); resyncs.forEach((f) => f()); } }, 1000);
        };
        const open = () => {
          stop = liveSocket().subscribe(payload, { next: (v) => sink.next(v as never), error: again, complete: again });
        };
        open();
        return { unsubscribe: () => { stopped = true; stop(); } };
      },
    };
  },
});
