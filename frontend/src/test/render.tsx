// Renders a component as the app would: in Russian, in Moscow time, with a
// signed-in viewer and a GraphQL client that answers from fixed data.
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { SessionContext, type Session, type Viewer } from '../auth/session';
import { I18nProvider } from '../i18n/i18n';
import type { Locale } from '../i18n/format';

/**
 * What the server answers viewerCan for each role (ent/rule/may.go), for
 * tests that give a viewer of their own; TestViewerCanIsWhatTheWritesAllow
 * holds the server to it.
 */
export function canOf(role: Viewer['role']): Viewer['can'] {
  const admin = role === 'ADMIN';
  return {
    createClient: admin || role === 'ACCOUNT_MANAGER', createTender: admin || role === 'ACCOUNT_MANAGER',
    createShipment: admin || role === 'OPERATIONS_MANAGER', keepCarriers: admin || role === 'OPERATIONS_MANAGER',
    manageManagers: admin, reassignClients: admin, readAuditTrail: admin || role === 'ANALYST',
  };
}

export const anna: Viewer = { id: '1', name: 'Анна Смирнова', role: 'ACCOUNT_MANAGER', can: canOf('ACCOUNT_MANAGER') };

/** A client that answers each query by its operation name. */
export function fakeClient(answers: Record<string, unknown> = {}): Client {
  return {
    executeQuery: (op: { query: { definitions: { name?: { value: string } }[] } }) => {
      const name = op.query.definitions.find((d) => d.name)?.name?.value ?? '';
      return name in answers ? fromValue({ operation: op, data: answers[name], stale: false, hasNext: false }) : never;
    },
    executeMutation: () => never,
    executeSubscription: () => never,
  } as unknown as Client;
}

export function renderApp(ui: ReactElement, opts: { viewer?: Viewer; answers?: Record<string, unknown>; locale?: Locale; url?: string; client?: Client } = {}) {
  const session: Session = {
    status: 'in', viewer: opts.viewer ?? anna, expired: false, signedOut: false,
    signIn: async () => ({ ok: true }), signOut: async () => undefined,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider initialLocale={opts.locale ?? 'ru'} initialTimeZone="Europe/Moscow">
      <MemoryRouter initialEntries={[opts.url ?? '/']}>
        <SessionContext.Provider value={session}>
          <Provider value={opts.client ?? fakeClient(opts.answers)}>{children}</Provider>
        </SessionContext.Provider>
      </MemoryRouter>
    </I18nProvider>
  );
  // rerender keeps the same providers around the new element
  return render(ui, { wrapper });
}
