// The server's refusals as the app shows them. The server gives each error
// a stable extensions.code, the input field at fault in extensions.field,
// and a message in English that says what was wrong; most refusals also
// name their reason (extensions.reason) and what it is about
// (extensions.params). The app says a refusal with a reason in the
// viewer's language, its times in the viewer's zone; one without, by its
// kind and the server's own words.
import type { CombinedError } from 'urql';
import { en, type MessageKey } from '../i18n/messages';
import { sayValue } from '../i18n/values';

export interface Problem {
  code: string;
  message: string;
  field?: string;
  reference?: string;
  reason?: string;
  params?: Record<string, unknown>;
}

/** What describing a problem needs of the viewer's language. */
export interface Speaker {
  t: (k: MessageKey, v?: Record<string, string>) => string;
  dateTime: (iso: string) => string;
}

export function problems(error: CombinedError | undefined): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', message: error.networkError.message }];
  }
  return error.graphQLErrors.map((e) => {
    const ext = (e.extensions ?? {}) as {
      code?: string; field?: string; reference?: string; reason?: string; params?: Record<string, unknown>;
    };
    let message = e.message;
    // the message starts with the field it names; the form shows it there
    if (ext.field && message.startsWith(ext.field + ': ')) message = message.slice(ext.field.length + 2);
    return { code: ext.code ?? 'OTHER', message, field: ext.field, reference: ext.reference, reason: ext.reason, params: ext.params };
  });
}

/** A parameter of a reason as the viewer reads it (a list, each of its values). */
function param(name: string, value: unknown, s: Speaker): string {
  if (Array.isArray(value)) return value.map((v) => param(name === 'modes' ? 'mode' : name, v, s)).join(', ');
  return sayValue(name, String(value), s);
}

/**
 * The refusal in the viewer's language when the app knows its reason;
 * otherwise the server's own words.
 */
export function say(p: Problem, s: Speaker): string {
  const key = `reason.${p.reason}` as MessageKey;
  if (!p.reason || !(key in en)) return p.message;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.params ?? {})) vars[name] = param(name, value, s);
  return s.t(key, vars);
}

const known = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'TIMEOUT', 'TOO_MANY_ATTEMPTS',
  'TOO_MANY_REQUESTS', 'QUERY_TOO_COMPLEX', 'QUERY_TOO_DEEP', 'INTERNAL_SERVER_ERROR', 'NETWORK']);

/** The heading of a problem in the viewer's language. */
function problemTitle(p: Problem, t: Speaker['t']): string {
  const key = (known.has(p.code) ? `error.${p.code}` : 'error.OTHER') as MessageKey;
  return t(key, { reference: p.reference ?? '' });
}

/** One line: the kind, and what was wrong when that adds something. */
export function describe(p: Problem, s: Speaker): string {
  const title = problemTitle(p, s.t);
  if (p.code === 'INTERNAL_SERVER_ERROR' || p.code === 'NETWORK') return title;
  return `${title}: ${say(p, s)}`;
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ||
    (error?.response as Response | undefined)?.status === 401;
}

/** A record asked for by an ID in the URL that names none (or nothing valid). */
export function isMissing(error: CombinedError | undefined): boolean {
  return problems(error).some((p) => p.code === 'NOT_FOUND' || p.code === 'BAD_USER_INPUT');
}
