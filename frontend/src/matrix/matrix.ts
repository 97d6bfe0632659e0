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
export function gapsOf(c: Pick<MatrixClient, 'accountManager' | 'operationsManager'>): Gap[] {
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

/** A cell of the matrix as the server counts it (Query.matrix). */
export interface Pair { accountManager?: PairMember | null; operationsManager?: PairMember | null; clients: number }

export interface Grid {
  /** Account managers (rows) and operations managers (columns), by name; "none" last. */
  rows: (PairMember | null)[];
  cols: (PairMember | null)[];
  /** Clients per row key and column key. */
  count(row: string, col: string): number;
}

export function pairGrid(pairs: Pair[]): Grid {
  const rows = new Map<string, PairMember | null>();
  const cols = new Map<string, PairMember | null>();
  const counts = new Map<string, number>();
  for (const p of pairs) {
    rows.set(keyOf(p.accountManager), p.accountManager ?? null);
    cols.set(keyOf(p.operationsManager), p.operationsManager ?? null);
    const k = `${keyOf(p.accountManager)}|${keyOf(p.operationsManager)}`;
    counts.set(k, (counts.get(k) ?? 0) + p.clients);
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

/** The clients of a cell, or those with a gap, as the API filters them. */
export function matrixWhere(f: MatrixFilter): Record<string, unknown> | undefined {
  const and: Record<string, unknown>[] = [];
  if (f.am) and.push(f.am === none ? { accountManagerIDIsNil: true } : { accountManagerID: f.am });
  if (f.om) and.push(f.om === none ? { operationsManagerIDIsNil: true } : { operationsManagerID: f.om });
  if (f.gaps) {
    and.push({ or: [
      { accountManagerIDIsNil: true }, { hasAccountManagerWith: [{ active: false }] },
      { operationsManagerIDIsNil: true }, { hasOperationsManagerWith: [{ active: false }] },
    ] });
  }
  return and.length === 0 ? undefined : and.length === 1 ? and[0] : { and };
}
