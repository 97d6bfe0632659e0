// The analysts' explorer: GraphiQL from our own bundle (no CDN), loaded only
// on this route, asking the API as the viewer signed in. Its tabs and
// history are kept per viewer in this browser; saved queries are kept on the
// server, per viewer; a connection's rows download as CSV.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo, useState } from 'react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { Problems } from '../layout/states';
import { allRows, csvFormatOf, findConnection, operationNameOf, toCSV, type CsvFormat } from './csv';
import { fetchWithRetry } from '../api/client';
import { nodes } from '../api/nodes';

// A page at a time: one keeps at most 200 saved queries (the server's budget)
export const SavedQueriesQuery = graphql(`
  query SavedQueries($first: Int!) {
    savedQueries(first: $first) { totalCount edges { node { id name query variables updatedAt } } }
  }
`);
const savedPage = 50;
export const SaveQueryMutation = graphql(`
  mutation SaveQuery($name: String!, $query: String!, $variables: String) {
    saveQuery(name: $name, query: $query, variables: $variables) { id name query variables updatedAt }
  }
`);
export const DeleteSavedQueryMutation = graphql(`
  mutation DeleteSavedQuery($id: ID!) { deleteSavedQuery(id: $id) }
`);

const starter = `# Ask the graph anything you may read. Ctrl+Enter runs; the book icon opens the docs.
query LateShipments {
  shipments(first: 20, where: {isLate: true, statusIn: [PLANNED, BOOKED, IN_TRANSIT]},
            orderBy: [{field: PLANNED_DELIVERY}]) {
    totalCount
    edges { node { reference status plannedDelivery estimatedDelivery client { name } carrier { name } } }
  }
}
`;

/** Storage for GraphiQL under the viewer's own prefix: one person's tabs and history are not the next one's. */
function viewerStorage(viewerID: string): Storage {
  const prefix = `freightgraph.explorer.${viewerID}.`;
  const keys = () => Object.keys(localStorage).filter((k) => k.startsWith(prefix));
  return {
    getItem: (k) => localStorage.getItem(prefix + k),
    setItem: (k, v) => localStorage.setItem(prefix + k, v),
    removeItem: (k) => localStorage.removeItem(prefix + k),
    clear: () => keys().forEach((k) => localStorage.removeItem(k)),
    key: (i) => keys()[i]?.slice(prefix.length) ?? null,
    get length() { return keys().length; },
  };
}

async function fetcher(params: unknown) {
  const res = await fetchWithRetry('/graphql', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
}

function SavedIcon() {
  return <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 3h12v18l-6-4-6 4z" fill="none" stroke="currentColor" strokeWidth="1.8" /></svg>;
}

/** The saved-queries panel, inside GraphiQL so it reaches its editors. */
function SavedQueries() {
  const { t, dateTime } = useI18n();
  const queryEditor = useGraphiQL((s) => s.queryEditor);
  const variableEditor = useGraphiQL((s) => s.variableEditor);
  const { setOperationName } = useGraphiQLActions();
  const [shown, setShown] = useState(savedPage);
  const [list, refetch] = useQuery({ query: SavedQueriesQuery, variables: { first: shown }, requestPolicy: 'cache-and-network' });
  const [saved, save] = useMutation(SaveQueryMutation);
  const [deleted, remove] = useMutation(DeleteSavedQueryMutation);
  const [name, setName] = useState('');
  const items = nodes(list.data?.savedQueries);
  const total = list.data?.savedQueries.totalCount ?? 0;
  return (
    <div className="saved-queries">
      <div className="graphiql-doc-explorer-title">{t('explorer.saved')}</div>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const r = await save({ name, query: queryEditor?.getValue() ?? '', variables: variableEditor?.getValue() ?? '' });
        if (!r.error) { setName(''); refetch({ requestPolicy: 'network-only' }); }
      }}>
        <label htmlFor="saved-name">{t('explorer.name')}</label>
        <input id="saved-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        <button type="submit" disabled={saved.fetching}>{t('explorer.save')}</button>
      </form>
      <Problems error={saved.error ?? deleted.error} />
      {items.length === 0 ? <p className="hint">{t('explorer.noSaved')}</p> : (
        <ul>
          {items.map((q) => (
            <li key={q.id}>
              <button type="button" className="link" onClick={() => {
                queryEditor?.setValue(q.query);
                variableEditor?.setValue(q.variables);
                // the operation to run is the saved one's, not the one the tab had
                setOperationName(operationNameOf(q.query));
              }}
                aria-label={t('explorer.load', { name: q.name })}>{q.name}</button>
              <small> {dateTime(q.updatedAt)}</small>{' '}
              <button type="button" className="link" aria-label={t('explorer.delete', { name: q.name })}
                onClick={async () => { const r = await remove({ id: q.id }); if (!r.error) refetch({ requestPolicy: 'network-only' }); }}>
                {t('explorer.deleteShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && (
        <p className="hint">
          {t('explorer.shown', { shown: items.length, total })}{' '}
          <button type="button" className="link" onClick={() => setShown((n) => n + savedPage)}>{t('explorer.more')}</button>
        </p>
      )}
    </div>
  );
}

/**
 * Downloads the result's first connection (every page of it: the query is
 * run again from each page's end cursor) or list of objects (an
 * aggregate's groups) as CSV, with the separator and decimal mark of the
 * viewer's language or the ones chosen.
 */
function CsvButton() {
  const { t, locale: lang } = useI18n();
  const responseEditor = useGraphiQL((s) => s.responseEditor);
  const queryEditor = useGraphiQL((s) => s.queryEditor);
  const variableEditor = useGraphiQL((s) => s.variableEditor);
  const operationName = useGraphiQL((s) => s.operationName);
  const [note, setNote] = useState('');
  const [format, setFormat] = useState<'locale' | 'comma' | 'semicolon' | 'tab'>('locale');
  const [busy, setBusy] = useState(false);
  const chosen: CsvFormat = format === 'locale' ? csvFormatOf(lang)
    : format === 'comma' ? { separator: ',', decimal: '.' }
    : format === 'semicolon' ? { separator: ';', decimal: ',' } : { separator: '\t', decimal: '.' };
  async function download() {
    let found = null;
    try {
      found = findConnection(JSON.parse(responseEditor?.getValue() || 'null')?.data ?? null);
    } catch { /* no result yet */ }
    if (!found) {
      setNote(t('explorer.noConnection'));
      return;
    }
    if (found.connection) {
      setBusy(true);
      try {
        let variables: Record<string, unknown> = {};
        try { variables = JSON.parse(variableEditor?.getValue() || '{}') ?? {}; } catch { /* as GraphiQL would refuse */ }
        const every = await allRows(queryEditor?.getValue() ?? '', operationName || undefined, variables, found.path,
          (query, vars) => fetcher({ query, variables: vars, operationName: operationName || undefined }),
          (n) => setNote(t('explorer.reading', { n })));
        if (every) found = every;
      } catch (e) {
        setNote(String((e as Error).message));
        setBusy(false);
        return;
      }
      setBusy(false);
    }
    setNote(t('explorer.rows', { n: found.rows.length }));
    const url = URL.createObjectURL(new Blob([toCSV(found, chosen)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `freightgraph-${found.path.replaceAll('.', '-')}-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <>
      <button type="button" className="graphiql-toolbar-button csv" onClick={() => void download()} disabled={busy}
        title={t('explorer.csvHint')} aria-label={t('explorer.csv')}>CSV</button>
      <select className="csv-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)} aria-label={t('explorer.csvFormat')}>
        <option value="locale">{t('explorer.csvLocale', { separator: csvFormatOf(lang).separator, decimal: csvFormatOf(lang).decimal })}</option>
        <option value="semicolon">; ,</option>
        <option value="comma">, .</option>
        <option value="tab">Tab .</option>
      </select>
      <span className="visually-hidden" role="status">{note}</span>
    </>
  );
}

export default function ExplorerPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  useTitle(t('explorer.title'));
  const storage = useMemo(() => viewerStorage(viewer.id), [viewer.id]);
  const plugins: GraphiQLPlugin[] = useMemo(() => [HISTORY_PLUGIN, { title: t('explorer.saved'), icon: SavedIcon, content: SavedQueries }], [t]);
  return (
    <section className="explorer" aria-label={t('explorer.title')}>
      <GraphiQL key={viewer.id} fetcher={fetcher} storage={storage} plugins={plugins} defaultQuery={starter}
        shouldPersistHeaders={false} isHeadersEditorEnabled={false}>
        <GraphiQL.Toolbar>
          {({ prettify, copy, merge }) => <>{prettify}{merge}{copy}<CsvButton /></>}
        </GraphiQL.Toolbar>
      </GraphiQL>
    </section>
  );
}
