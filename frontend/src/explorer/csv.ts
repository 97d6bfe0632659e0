// A GraphQL result as CSV an analyst opens in a spreadsheet: the rows of
// its first connection (one per node) or of its first list of objects (an
// aggregate's groups), one column per scalar field (nested ones as
// "client.name"), quoted as RFC 4180 says for the separator chosen, a BOM
// so Excel reads UTF-8 Cyrillic. A Russian spreadsheet splits on ";" and
// reads "1234,5" as a number: the viewer's locale chooses both.
import { Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface ConnectionRows {
  /** Where the rows are in the result, e.g. "shipments" or "node.tenders". */
  path: string;
  columns: string[];
  rows: Record<string, string>[];
  /** A connection's page info, when it asked for it: there may be more pages. */
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  /** A connection (pages follow) rather than a list (all there is). */
  connection: boolean;
}

export interface CsvFormat { separator: string; decimal: string }

/** The format a spreadsheet in the viewer's language reads without asking. */
export function csvFormatOf(lang: string): CsvFormat {
  return lang === 'ru' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first connection (a field with edges or nodes) or list of objects in data, depth first, in field order. */
export function findConnection(data: Json, path = ''): ConnectionRows | null {
  if (!isObject(data)) return null;
  for (const [k, v] of Object.entries(data)) {
    const here = path ? `${path}.${k}` : k;
    if (isObject(v) && (Array.isArray(v.edges) || Array.isArray(v.nodes))) {
      const nodes = Array.isArray(v.edges)
        ? v.edges.map((e) => (isObject(e) ? e.node ?? null : null))
        : (v.nodes as Json[]);
      const pageInfo = isObject(v.pageInfo) ? v.pageInfo as ConnectionRows['pageInfo'] : undefined;
      return { ...tabulate(here, nodes.filter(isObject)), pageInfo, connection: true };
    }
    if (Array.isArray(v) && v.length > 0 && v.every(isObject)) {
      return { ...tabulate(here, v as { [k: string]: Json }[]), connection: false };
    }
    const inner = findConnection(v, here);
    if (inner) return inner;
  }
  return null;
}

function tabulate(path: string, nodes: { [k: string]: Json }[]) {
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

const decimalNumber = /^-?\d+\.\d+$/;

/**
 * One CSV cell. Text a spreadsheet would run as a formula (=, +, @, or a
 * minus not starting a number) gets a leading apostrophe: a client's name
 * must never become a formula on an analyst's machine. A decimal number
 * takes the format's decimal mark.
 */
export function cell(s: string, f: CsvFormat = { separator: ',', decimal: '.' }): string {
  if (decimalNumber.test(s)) return f.decimal === '.' ? s : s.replace('.', f.decimal);
  const safe = /^[=+@\t\r]/.test(s) || /^-(?![\d.])/.test(s) ? `'${s}` : s;
  return safe.includes(f.separator) || /["\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCSV(c: Pick<ConnectionRows, 'columns' | 'rows'>, f: CsvFormat = { separator: ',', decimal: '.' }): string {
  const line = (cells: string[]) => cells.map((x) => cell(x, f)).join(f.separator);
  const lines = [line(c.columns), ...c.rows.map((r) => line(c.columns.map((k) => r[k] ?? '')))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The most pages one download reads: 500 pages of up to 1,000 rows. */
export const maxPages = 500;

/**
 * The query, rewritten to read the connection at path page after page: its
 * field takes `after: $csvAfter` and asks for pageInfo { hasNextPage
 * endCursor }. Null when the path is not a field of the operation (a
 * fragment spread on the way, or no such field).
 */
export function pagedQuery(query: string, operationName: string | undefined, path: string): string | null {
  let doc;
  try { doc = parse(query); } catch { return null; }
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || op.operation !== 'query') return null;
  const keys = path.split('.');
  // find the field at path, by response key
  let set: SelectionSetNode | undefined = op.selectionSet;
  let target: FieldNode | undefined;
  for (const key of keys) {
    const f: FieldNode | undefined = set?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key);
    if (!f) return null;
    target = f;
    set = f.selectionSet;
  }
  if (!target) return null;
  const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'csvAfter' } } as const;
  const field = (name: string, selections?: FieldNode[]): FieldNode => ({
    kind: Kind.FIELD, name: { kind: Kind.NAME, value: name },
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  });
  const rewritten = visit(doc, {
    OperationDefinition(node) {
      if (node !== op) return undefined;
      return {
        ...node,
        variableDefinitions: [...(node.variableDefinitions ?? []).filter((v) => v.variable.name.value !== 'csvAfter'), {
          kind: Kind.VARIABLE_DEFINITION, variable, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Cursor' } },
        }],
      };
    },
    Field(node) {
      if (node !== target) return undefined;
      const selections = [...(node.selectionSet?.selections ?? [])];
      const pi = selections.findIndex((s) => s.kind === Kind.FIELD && s.name.value === 'pageInfo' && !s.alias);
      const wanted = [field('hasNextPage'), field('endCursor')];
      if (pi < 0) selections.push(field('pageInfo', wanted));
      else {
        const have = (selections[pi] as FieldNode).selectionSet?.selections ?? [];
        selections[pi] = { ...(selections[pi] as FieldNode), selectionSet: { kind: Kind.SELECTION_SET, selections: [...have, ...wanted] } };
      }
      return {
        ...node,
        arguments: [...(node.arguments ?? []).filter((a) => a.name.value !== 'after' && a.name.value !== 'before' && a.name.value !== 'last'),
          { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: variable }],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      };
    },
  });
  return print(rewritten);
}

type Fetch = (query: string, variables: Record<string, unknown>) => Promise<{ data?: Json; errors?: { message: string }[] }>;

/**
 * Every row of the connection at path: the query run again, page after
 * page, from the cursor each page ends at, until the last (or maxPages).
 */
export async function allRows(query: string, operationName: string | undefined, variables: Record<string, unknown>, path: string, fetch: Fetch,
  onPage?: (rows: number) => void): Promise<ConnectionRows | null> {
  const paged = pagedQuery(query, operationName, path);
  if (!paged) return null;
  let after: string | null = null;
  let all: ConnectionRows | null = null;
  for (let page = 0; page < maxPages; page++) {
    const res = await fetch(paged, { ...variables, csvAfter: after });
    if (res.errors?.length) throw new Error(res.errors[0].message);
    let here: Json = res.data ?? null;
    for (const key of path.split('.')) here = isObject(here) ? here[key] ?? null : null;
    const found = findConnection({ [path]: here });
    if (!found) break;
    if (!all) all = { ...found, path };
    else {
      for (const c of found.columns) if (!all.columns.includes(c)) all.columns.push(c);
      all.rows.push(...found.rows);
    }
    onPage?.(all.rows.length);
    if (!found.pageInfo?.hasNextPage || !found.pageInfo.endCursor) break;
    after = found.pageInfo.endCursor;
  }
  if (all) {
    // pageInfo is the paging's own, not the analyst's
    all.columns = all.columns.filter((c) => !c.startsWith('pageInfo.'));
  }
  return all;
}

/** The name of the document's first operation, or "" (an anonymous one, or text that does not parse). */
export function operationNameOf(query: string): string {
  try {
    const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return op?.name?.value ?? '';
  } catch {
    return '';
  }
}
