// One dashboard panel: a titled section with its own loading and error
// states, so a slow or failing figure holds up none of the others.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../i18n/i18n';
import { LoadError, Loading } from '../layout/states';

export function Panel({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? 'panel dash wide' : 'panel dash'} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** What a panel shows until its figures are in: loading, or the error with a retry. Null once there is data. */
export function panelGate(q: { data?: unknown; error?: CombinedError }, retry: () => void): ReactNode {
  if (q.error && !q.data) return <LoadError error={q.error} retry={retry} />;
  if (!q.data) return <Loading />;
  return null;
}

/**
 * A panel's table, scrolling sideways on its own where the panel is narrow.
 * A keyboard must reach what scrolls, and these tables may hold no link to
 * focus: the frame itself is focusable, and named for screen readers.
 */
export function TableWrap({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return <div className="table-wrap" tabIndex={0} role="region" aria-label={t('dash.table', { title })}>{children}</div>;
}
