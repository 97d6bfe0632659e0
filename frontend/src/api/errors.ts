// The server's refusals as the app shows them. The server gives each error
// a stable extensions.code, the input field at fault in extensions.field,
// and a message that says what was wrong; the app names the kind in the
// viewer's language and shows the server's own words beside it.
import type { CombinedError } from 'urql';
import type { MessageKey } from '../i18n/messages';

export interface Problem {
  code: string;
  message: string;
  field?: string;
  reference?: string;
}

export function problems(error: CombinedError | undefined): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', message: error.networkError.message }];
  }
  return error.graphQLErrors.map((e) => {
    const ext = (e.extensions ?? {}) as { code?: string; field?: string; reference?: string };
    let message = e.message;
    // the message starts with the field it names; the form shows it there
    if (ext.field && message.startsWith(ext.field + ': ')) message = message.slice(ext.field.length + 2);
    return { code: ext.code ?? 'OTHER', message, field: ext.field, reference: ext.reference };
  });
}

const known = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'TIMEOUT', 'TOO_MANY_ATTEMPTS',
  'TOO_MANY_REQUESTS', 'QUERY_TOO_COMPLEX', 'QUERY_TOO_DEEP', 'INTERNAL_SERVER_ERROR', 'NETWORK']);

/** The heading of a problem in the viewer's language. */
function problemTitle(p: Problem, t: (k: MessageKey, v?: Record<string, string>) => string): string {
  const key = (known.has(p.code) ? `error.${p.code}` : 'error.OTHER') as MessageKey;
  return t(key, { reference: p.reference ?? '' });
}

/** One line: the kind, and the server's words when they add something. */
export function describe(p: Problem, t: (k: MessageKey, v?: Record<string, string>) => string): string {
  const title = problemTitle(p, t);
  if (p.code === 'INTERNAL_SERVER_ERROR' || p.code === 'NETWORK') return title;
  return `${title}: ${p.message}`;
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ||
    (error?.response as Response | undefined)?.status === 401;
}

/** A record asked for by an ID in the URL that names none (or nothing valid). */
export function isMissing(error: CombinedError | undefined): boolean {
  return problems(error).some((p) => p.code === 'NOT_FOUND' || p.code === 'BAD_USER_INPUT');
}
