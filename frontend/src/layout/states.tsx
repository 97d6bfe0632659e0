// Loading, empty and error states, alike on every screen.
import type { ReactElement } from 'react';
import type { CombinedError } from 'urql';
import { Link, useLocation } from 'react-router';
import { describe, isMissing, problems } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import { useTitle } from './title';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return <p className="state loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />{label ?? t('state.loading')}</p>;
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function LoadError({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = problems(error);
  return (
    <div className="state failed" role="alert">
      <p><strong>{t('state.error')}</strong></p>
      <ul>{list.map((p, i) => <li key={i}>{p.code === 'NETWORK' ? t('state.offline') : describe(p, i18n)}</li>)}</ul>
      {retry && <button type="button" onClick={retry}>{t('state.retry')}</button>}
    </div>
  );
}

/**
 * What a page of one record (by the ID in its URL) shows until it has the
 * record: loading, not found (also for an ID that names nothing valid), or
 * the error with a retry. Null once there is data.
 */
export function recordGate(q: { data?: unknown; error?: CombinedError }, retry: () => void): ReactElement | null {
  if (q.error && !q.data) return isMissing(q.error) ? <NotFound /> : <LoadError error={q.error} retry={retry} />;
  if (!q.data) return <Loading />;
  return null;
}

/**
 * The problems of a write, shown where the write was asked for: all but
 * those the form shows on one of its own fields.
 */
export function Problems({ error, fields = [] }: { error: CombinedError | undefined; fields?: string[] }) {
  const i18n = useI18n();
  const list = problems(error).filter((p) => !p.field || !fields.includes(p.field));
  if (list.length === 0) return null;
  return (
    <div className="problems" role="alert">
      {list.map((p, i) => <p key={i}>{describe(p, i18n)}</p>)}
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  useTitle(t('state.notFound'));
  return (
    <section className="page">
      <h1>{t('state.notFound')}</h1>
      <p>{t('state.notFoundLead', { path: pathname })}</p>
      <p><Link to="/pipeline">{t('state.home')}</Link></p>
    </section>
  );
}

/** A screen the viewer's role does not use: said so, not hidden as missing. */
export function NotAllowed() {
  const { t } = useI18n();
  useTitle(t('state.notAllowed'));
  return (
    <section className="page">
      <h1>{t('state.notAllowed')}</h1>
      <p>{t('state.notAllowedLead')}</p>
      <p><Link to="/pipeline">{t('state.home')}</Link></p>
    </section>
  );
}
