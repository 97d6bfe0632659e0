// The matrix of clients against their pairs: every client should have an
// account manager and an operations manager who still work here.
export interface PairMember { id: string; name: string; active: boolean }
export interface MatrixClient {
  id: string;
  name: string;
  accountManager?: PairMember | null;
  operationsManager?: PairMember | null;
}

export type Gap = 'noAM' | 'noOM' | 'amLeft' | 'omLeft';

/** What is missing from a client's pair. */
export function gapsOf(c: MatrixClient): Gap[] {
  const gaps: Gap[] = [];
  if (!c.accountManager) gaps.push('noAM');
  else if (!c.accountManager.active) gaps.push('amLeft');
  if (!c.operationsManager) gaps.push('noOM');
  else if (!c.operationsManager.active) gaps.push('omLeft');
  return gaps;
}

/** The key of a pair member in the grid and the URL: its ID, or "none". */
export const none = 'none';
export const keyOf = (m?: PairMember | null) => m?.id ?? none;

export interface Grid {
  /** Account managers (rows) and operations managers (columns), by name; "none" last. */
  rows: (PairMember | null)[];
  cols: (PairMember | null)[];
  /** Clients per row key and column key. */
  count(row: string, col: string): number;
}

export function pairGrid(clients: MatrixClient[]): Grid {
  const rows = new Map<string, PairMember | null>();
  const cols = new Map<string, PairMember | null>();
  const counts = new Map<string, number>();
  for (const c of clients) {
    rows.set(keyOf(c.accountManager), c.accountManager ?? null);
    cols.set(keyOf(c.operationsManager), c.operationsManager ?? null);
    const k = `${keyOf(c.accountManager)}|${keyOf(c.operationsManager)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const order = (a: PairMember | null, b: PairMember | null) =>
    a === null ? 1 : b === null ? -1 : a.name.localeCompare(b.name);
  return {
    rows: [...rows.values()].sort(order),
    cols: [...cols.values()].sort(order),
    count: (row, col) => counts.get(`${row}|${col}`) ?? 0,
  };
}

export interface MatrixFilter { am: string; om: string; gaps: boolean }

export function matches(c: MatrixClient, f: MatrixFilter): boolean {
  if (f.am && keyOf(c.accountManager) !== f.am) return false;
  if (f.om && keyOf(c.operationsManager) !== f.om) return false;
  return !f.gaps || gapsOf(c).length > 0;
}
