// A list's order, kept in the URL (?sort=NAME, ?sort=-NAME for descending),
// chosen by the column headers of the fields the API can order by. A new
// order starts the list again at its first page: cursors belong to an order.
import { useUrlParams } from './url';
import type { Page } from './paging';
import { useI18n } from '../i18n/i18n';

export type Direction = 'ASC' | 'DESC';

export interface Sort<F extends string> {
  field: F;
  direction: Direction;
  /** The connection's orderBy: the chosen field, then the list's own order to break ties. */
  orderBy: { field: F; direction: Direction }[];
}

/** The order the URL names among fields, or the list's own. */
export function useSort<F extends string>(page: Page, fields: readonly F[], fallback: { field: F; direction: Direction }): Sort<F> {
  const [params] = useUrlParams();
  const raw = params.get(page.prefix + 'sort') ?? '';
  const direction: Direction = raw.startsWith('-') ? 'DESC' : 'ASC';
  const field = fields.find((f) => f === raw.replace(/^-/, ''));
  const chosen = field ? { field, direction } : fallback;
  const orderBy = chosen.field === fallback.field ? [chosen] : [chosen, fallback];
  return { ...chosen, orderBy };
}

/**
 * A column header that orders the list by field: a first press ascending,
 * a second descending. Screen readers hear the order through aria-sort.
 */
export function SortHeader<F extends string>({ sort, page, field, children }: {
  sort: Sort<F>; page: Page; field: F; children: string;
}) {
  const { t } = useI18n();
  const [, setParams] = useUrlParams();
  const active = sort.field === field;
  const next = active && sort.direction === 'ASC' ? '-' + field : field;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setParams({ ...page.reset, [page.prefix + 'sort']: next })}
        title={t(active && sort.direction === 'ASC' ? 'sort.descending' : 'sort.ascending')}>
        {children}{active ? (sort.direction === 'ASC' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}
