// A page of a long list: which rows, kept in the URL (?after=…&at=50, or
// ?before=…, or ?end=1 for the last page), the viewer told which rows of how
// many they see, and the way to the first, previous, next and last page.
// Cursor paging over the API's connections, so rows added or removed meanwhile
// neither repeat nor vanish between pages; `at` is only the row number shown.
import { useCallback, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { nodes } from '../api/nodes';
import { useI18n } from '../i18n/i18n';
import { Empty, LoadError, Loading } from './states';
import { useUrlParams } from './url';

export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

export interface Page {
  /** The connection's arguments for this page. */
  args: PageArgs;
  /** The URL's keys of this page, all of them cleared: for a change of filters. */
  reset: Record<string, null>;
  size: number;
  prefix: string;
  at: number;
  end: boolean;
}

// the API's cursors are base64 (with + and /); anything else in the URL is
// no cursor of ours and reads as the first page
const cursor = /^[A-Za-z0-9+/=_-]{1,600}$/;

/** The page of a list the URL names; prefix tells two lists of one screen apart. */
export function usePage(size: number, prefix = ''): Page {
  const [params] = useUrlParams();
  const get = (k: string) => params.get(prefix + k) ?? '';
  const after = cursor.test(get('after')) ? get('after') : '';
  const before = cursor.test(get('before')) ? get('before') : '';
  const end = get('end') === '1';
  const at = Math.max(0, Number.parseInt(get('at'), 10) || 0);
  const args: PageArgs = end ? { last: size } : before ? { last: size, before } : after ? { first: size, after } : { first: size };
  const reset = Object.fromEntries(['after', 'before', 'at', 'end'].map((k) => [prefix + k, null]));
  return { args, reset, size, prefix, at: end || !(after || before) ? 0 : at, end };
}

/**
 * The URL's query, and a change of it that starts the list again at its
 * first page: what a change of filters does.
 */
export function useFilterParams(page: Page): [URLSearchParams, (change: Record<string, string | null>, step?: boolean) => void] {
  const [params, setParams] = useUrlParams();
  return [params, (change, step) => setParams({ ...page.reset, ...change }, step)];
}

/**
 * A page's arguments under the names a query with several paged lists
 * gives them: prefixed('s', page) is {sFirst, sAfter, sLast, sBefore}.
 */
export function prefixed(name: string, page: Page): Record<string, number | string | undefined> {
  const { first, after, last, before } = page.args;
  return { [name + 'First']: first, [name + 'After']: after, [name + 'Last']: last, [name + 'Before']: before };
}

/**
 * Which rows of how many, and the way on. Rendered above and below a list
 * it shows nothing when the whole list fits on one page.
 */
export function Pager({ page, total, shown, info, label }: {
  page: Page; total: number; shown: number; info?: PageInfo | null; label: string;
}) {
  const { t, number } = useI18n();
  const [, setParams] = useUrlParams();
  const go = useCallback((change: Record<string, string | null>) => {
    setParams({ ...page.reset, ...change });
  }, [page.reset, setParams]);
  const from = page.end ? Math.max(0, total - shown) : page.at;
  if (total <= page.size && from === 0) return null;
  const first = from === 0;
  const last = from + shown >= total;
  const p = page.prefix;
  return (
    <nav className="pager" aria-label={label}>
      <span role="status">{t('page.rows', { from: number(shown ? from + 1 : 0), to: number(from + shown), total: number(total) })}</span>
      <button type="button" disabled={first} onClick={() => go({})}>{t('page.first')}</button>
      <button type="button" disabled={first || !info?.startCursor} onClick={() => {
        // back to the first page when it is the first, so that it is exact
        if (from - page.size <= 0) go({});
        else go({ [p + 'before']: info!.startCursor!, [p + 'at']: String(from - page.size) });
      }}>{t('page.previous')}</button>
      <button type="button" disabled={last || !info?.endCursor} onClick={() => go({ [p + 'after']: info!.endCursor!, [p + 'at']: String(from + shown) })}>
        {t('page.next')}
      </button>
      <button type="button" disabled={last} onClick={() => go({ [p + 'end']: '1' })}>{t('page.last')}</button>
    </nav>
  );
}

/**
 * For a list read whole up to a generous cap (a record's contacts, lanes,
 * history): says so when the cap was reached, so that it never truncates
 * unseen.
 */
export function Truncated({ shown, total }: { shown: number; total: number }) {
  const { t, number } = useI18n();
  if (total <= shown) return null;
  return <p className="hint" role="status">{t('page.truncated', { shown: number(shown), total: number(total) })}</p>;
}

/**
 * A page left empty though the list is not (its rows moved on, as an
 * assigned shipment leaves "needs a carrier"): says so, with the way back
 * to the first page. Null when the page has rows, or the list none.
 */
export function EmptiedPage({ page, total, shown }: { page: Page; total: number; shown: number }) {
  const { t } = useI18n();
  const [, setParams] = useUrlParams();
  if (shown > 0 || total === 0) return null;
  return (
    <p className="hint" role="status">
      {t('page.emptied', { total })}{' '}
      <button type="button" onClick={() => setParams(page.reset)}>{t('page.first')}</button>
    </p>
  );
}

/** A page of a connection as the API gives it. */
interface Connection<T> {
  totalCount: number;
  pageInfo?: PageInfo | null;
  edges?: ({ node?: T | null } | null)[] | null;
}

/**
 * A paged list's states in one place: failed (with a retry), loading, a
 * page its rows left, no rows at all; otherwise its rows between a pager
 * above and one below (told apart for screen readers).
 */
export function PagedList<T>({ result, list, page, label, below, empty, retry, children }: {
  result: { data?: unknown; error?: CombinedError };
  /** The connection in the answer; empty while loading. */
  list: Connection<T> | null | undefined;
  page: Page;
  label: string;
  /** The pager below the rows, by another name than the one above. */
  below: string;
  empty: ReactNode;
  retry(): void;
  children(rows: T[]): ReactNode;
}) {
  if (result.error && !result.data) return <LoadError error={result.error} retry={retry} />;
  if (!list) return <Loading />;
  const rows = nodes(list);
  if (rows.length === 0) return list.totalCount > 0 ? <EmptiedPage page={page} total={list.totalCount} shown={0} /> : <Empty>{empty}</Empty>;
  return (
    <>
      <Pager page={page} total={list.totalCount} shown={rows.length} info={list.pageInfo} label={label} />
      {children(rows)}
      <Pager page={page} total={list.totalCount} shown={rows.length} info={list.pageInfo} label={below} />
    </>
  );
}
