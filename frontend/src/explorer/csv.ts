// The rows of a connection in a GraphQL result, as CSV an analyst opens in a
// spreadsheet: one row per node, one column per scalar field (nested ones as
// "client.name"), RFC 4180 quoting, a BOM so Excel reads UTF-8 Cyrillic.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface ConnectionRows {
  /** Where the connection is in the result, e.g. "shipments" or "node.tenders". */
  path: string;
  columns: string[];
  rows: Record<string, string>[];
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first connection (a field with edges or nodes) in data, depth first, in field order. */
export function findConnection(data: Json, path = ''): ConnectionRows | null {
  if (!isObject(data)) return null;
  for (const [k, v] of Object.entries(data)) {
    const here = path ? `${path}.${k}` : k;
    if (isObject(v) && (Array.isArray(v.edges) || Array.isArray(v.nodes))) {
      const nodes = Array.isArray(v.edges)
        ? v.edges.map((e) => (isObject(e) ? e.node ?? null : null))
        : (v.nodes as Json[]);
      return tabulate(here, nodes.filter(isObject));
    }
    const inner = findConnection(v, here);
    if (inner) return inner;
  }
  return null;
}

function tabulate(path: string, nodes: { [k: string]: Json }[]): ConnectionRows {
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = nodes.map((n) => {
    const row: Record<string, string> = {};
    flatten(n, '', row);
    for (const c of Object.keys(row)) {
      if (!seen.has(c)) {
        seen.add(c);
        columns.push(c);
      }
    }
    return row;
  });
  return { path, columns, rows };
}

function flatten(v: Json, prefix: string, out: Record<string, string>) {
  if (isObject(v)) {
    for (const [k, inner] of Object.entries(v)) {
      if (k === '__typename' && prefix) continue;
      flatten(inner, prefix ? `${prefix}.${k}` : k, out);
    }
    return;
  }
  if (Array.isArray(v)) {
    out[prefix] = v.every((x) => !isObject(x) && !Array.isArray(x)) ? v.map((x) => (x === null ? '' : String(x))).join('; ') : JSON.stringify(v);
    return;
  }
  out[prefix] = v === null ? '' : String(v);
}

/**
 * One CSV cell. Text a spreadsheet would run as a formula (=, +, @, or a
 * minus not starting a number) gets a leading apostrophe: a client's name
 * must never become a formula on an analyst's machine.
 */
export function cell(s: string): string {
  const safe = /^[=+@\t\r]/.test(s) || /^-(?![\d.])/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCSV(c: ConnectionRows): string {
  const lines = [c.columns.map(cell).join(','), ...c.rows.map((r) => c.columns.map((k) => cell(r[k] ?? '')).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
