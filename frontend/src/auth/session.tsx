// Who is signed in. The session itself is an HttpOnly cookie the server
// sets; the app only learns the viewer, and learns that the session ended
// when the server answers UNAUTHENTICATED. Then the app shows sign-in and
// remembers the page asked for, to return to it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { closeLive } from '../api/live';
import { Provider, type Client } from 'urql';
import { makeClient } from '../api/client';
import { graphql } from '../gql';
import type { ManagerRole, ViewerQuery as ViewerAnswer } from '../gql/graphql';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { id name email role }
    viewerCan { createClient createTender createShipment keepCarriers manageManagers reassignClients readAuditTrail }
  }
`);

/** What the viewer may start, as the server says (ent/rule/may.go). */
export type ViewerCan = Omit<ViewerAnswer['viewerCan'], '__typename'>;

export interface Viewer {
  id: string;
  name: string;
  role: ManagerRole;
  /** What the server lets this viewer start; the app offers only these. */
  can: ViewerCan;
}

type Status = 'loading' | 'in' | 'out';

export interface Session {
  status: Status;
  viewer: Viewer | null;
  /** True when the server ended the session while the app was open. */
  expired: boolean;
  /** True after the viewer signed out here: sign-in then starts afresh. */
  signedOut: boolean;
  signIn(email: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
}

export type SignInResult = { ok: true } | { ok: false; code: string; message: string; retryAfter?: number };

const Ctx = createContext<Session | null>(null);

/** The session's context itself: component tests give their own. */
export const SessionContext = Ctx;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const statusRef = useRef(status);
  statusRef.current = status;
  const onSignedOut = useCallback(() => {
    if (statusRef.current === 'in') setExpired(true);
    setViewer(null);
    setStatus('out');
  }, []);
  // a new client for each viewer: nothing one viewer saw stays cached for
  // the next; a late answer to a client no longer in use signs nobody out
  const current = useRef<Client | null>(null);
  const newClient = useCallback(() => {
    const c: Client = makeClient(() => {
      if (current.current === c) onSignedOut();
    });
    return c;
  }, [onSignedOut]);
  const [client, setClient] = useState<Client>(newClient);
  useEffect(() => {
    current.current = client;
  }, [client]);
  useEffect(() => {
    let live = true;
    client.query(ViewerQuery, {}, { requestPolicy: 'network-only' }).toPromise().then((r) => {
      if (!live) return;
      if (r.data?.viewer) {
        setViewer({ ...r.data.viewer, can: r.data.viewerCan });
        setStatus('in');
      } else {
        setStatus('out');
      }
    });
    return () => {
      live = false;
    };
    // only at start: later sign-ins set the viewer themselves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const signIn = useCallback(async (email: string, password: string): Promise<SignInResult> => {
    let res: Response;
    try {
      res = await fetch('/auth/sign-in', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    } catch (e) {
      return { ok: false, code: 'NETWORK', message: String(e) };
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = body?.errors?.[0];
      return {
        ok: false, code: err?.extensions?.code ?? 'OTHER', message: err?.message ?? res.statusText,
        retryAfter: Number(res.headers.get('Retry-After')) || undefined,
      };
    }
    // what the viewer may do comes from the graph, as at start
    const c = newClient();
    const r = await c.query(ViewerQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (!r.data?.viewer) return { ok: false, code: r.error ? 'NETWORK' : 'OTHER', message: r.error?.message ?? '' };
    closeLive(); // the next live updates open with this session
    setClient(c);
    setViewer({ ...r.data.viewer, can: r.data.viewerCan });
    setExpired(false);
    setSignedOut(false);
    setStatus('in');
    return { ok: true };
  }, [newClient]);

  const signOut = useCallback(async () => {
    await fetch('/auth/sign-out', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}',
    }).catch(() => undefined);
    closeLive();
    setClient(newClient());
    setViewer(null);
    setExpired(false);
    setSignedOut(true);
    setStatus('out');
  }, [newClient]);

  const value = useMemo(() => ({ status, viewer, expired, signedOut, signIn, signOut }), [status, viewer, expired, signedOut, signIn, signOut]);
  return (
    <Ctx.Provider value={value}>
      <Provider value={client}>{children}</Provider>
    </Ctx.Provider>
  );
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in viewer; only for screens behind RequireViewer. */
export function useViewer(): Viewer {
  const v = useSession().viewer;
  if (!v) throw new Error('no viewer');
  return v;
}
