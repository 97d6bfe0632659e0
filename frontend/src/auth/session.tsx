// Who is signed in. The session itself is an HttpOnly cookie the server
// sets; the app only learns the viewer, and learns that the session ended
// when the server answers UNAUTHENTICATED. Then the app shows sign-in and
// remembers the page asked for, to return to it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { makeClient } from '../api/client';
import { graphql } from '../gql';
import type { ManagerRole } from '../gql/graphql';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { id name email role }
  }
`);

export interface Viewer {
  id: string;
  name: string;
  role: ManagerRole;
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
        setViewer(r.data.viewer);
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
    setClient(newClient());
    setViewer(body.viewer);
    setExpired(false);
    setSignedOut(false);
    setStatus('in');
    return { ok: true };
  }, [newClient]);

  const signOut = useCallback(async () => {
    await fetch('/auth/sign-out', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}',
    }).catch(() => undefined);
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

/**
 * What the app offers a viewer to start; the server decides each write
 * (ent/rule/access.go), and the app only leaves out what it would refuse.
 */
export function may(viewer: Viewer) {
  const am = viewer.role === 'ACCOUNT_MANAGER' || viewer.role === 'ADMIN';
  return { createTender: am, createClient: am };
}

/** A tender's owner, its client's account manager and administrators work on it. */
export function worksOnTender(viewer: Viewer, t: { owner: { id: string }; client: { accountManagerID?: string | null } }): boolean {
  if (viewer.role === 'ADMIN') return true;
  return viewer.role === 'ACCOUNT_MANAGER' && (t.owner.id === viewer.id || t.client.accountManagerID === viewer.id);
}

/** A client's pair and administrators edit the client and its contacts. */
export function worksOnClient(viewer: Viewer, c: { accountManager?: { id: string } | null; operationsManager?: { id: string } | null }): boolean {
  return viewer.role === 'ADMIN' || c.accountManager?.id === viewer.id || c.operationsManager?.id === viewer.id;
}
