// The matrix: clients against their account/operations pairs, with the gaps
// (no manager, a manager who left) shown, and for administrators a way to
// give one or many clients a new pair. The server counts the pairs; the
// clients of a cell page like any list.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useViewer } from '../auth/session';
import { ManagerChoicesQuery } from '../forms/choices';
import { PairMember } from '../clients/PairMember';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { useUrlParams } from '../layout/url';
import { LoadError, Loading, Problems } from '../layout/states';
import { gapsOf, keyOf, matrixWhere, pairGrid } from './matrix';
import { nodes } from '../api/nodes';
import { PagedList, usePage } from '../layout/paging';
import type { ClientWhereInput, ReassignPreviewQuery as PreviewAnswer } from '../gql/graphql';
import { useToast } from '../layout/toast';
import { useLiveList } from '../api/liveList';

const noVariables = {};

export const MatrixQuery = graphql(`
  query Matrix {
    matrix { clients accountManager { id name active } operationsManager { id name active } }
  }
`);

export const MatrixClientsQuery = graphql(`
  query MatrixClients($where: ClientWhereInput, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    clients(where: $where, orderBy: [{field: NAME}], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id name status accountManager { id name active } operationsManager { id name active } satisfaction { unhappy } } }
    }
  }
`);

export const ReassignClientsMutation = graphql(`
  mutation ReassignClients($ids: [ID!]!, $am: ID, $om: ID, $handOver: Boolean) {
    reassignClients(clientIDs: $ids, accountManagerID: $am, operationsManagerID: $om, handOver: $handOver) {
      id version accountManager { id name active } operationsManager { id name active }
    }
  }
`);

export const ReassignPreviewQuery = graphql(`
  query ReassignPreview($ids: [ID!]!, $am: ID, $om: ID, $handOver: Boolean) {
    reassignPreview(clientIDs: $ids, accountManagerID: $am, operationsManagerID: $om, handOver: $handOver) {
      clients { id name }
      tenders { id reference title }
      shipments { id reference }
    }
  }
`);

type Preview = NonNullable<PreviewAnswer['reassignPreview']>;

// Any client's change may move a count of the grid: the page reads itself
// afresh a moment after a burst of them.
const MatrixChanges = graphql(`
  subscription MatrixChanges { clientChanged { id operation by { id name } } }
`);

/** How many of each kind the preview names; the counts say the rest. */
const shownInPreview = 50;

export function MatrixPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const admin = viewer.can.reassignClients;
  const [params, setParams] = useUrlParams();
  const page = usePage(100);
  const filter = { am: params.get('am') ?? '', om: params.get('om') ?? '', gaps: params.get('gaps') === '1' };
  // a new cell or filter starts its list at the first page
  const choose = (change: Record<string, string | null>) => setParams({ ...page.reset, ...change });
  const [res, refetch] = useQuery({ query: MatrixQuery });
  const [list, refetchList] = useQuery({ query: MatrixClientsQuery, variables: { where: matrixWhere(filter) as ClientWhereInput | undefined, ...page.args } });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useTitle(t('matrix.title'));
  const pairs = useMemo(() => res.data?.matrix ?? [], [res.data]);
  const grid = useMemo(() => pairGrid(pairs), [pairs]);
  const total = pairs.reduce((n, p) => n + p.clients, 0);
  const gapCount = pairs.filter((p) => gapsOf(p).length > 0).reduce((n, p) => n + p.clients, 0);
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchList({ requestPolicy: 'network-only' });
  };
  useLiveList(MatrixChanges, (d) => d.clientChanged, noVariables, reload);

  if (res.error && !res.data) return <LoadError error={res.error} retry={reload} />;
  if (!res.data) return <Loading />;
  const name = (m: { name: string; active: boolean } | null) => (m ? (m.active ? m.name : `${m.name} (${t('client.left')})`) : t('client.noManager'));
  const toggle = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  return (
    <section className="page matrix">
      <div className="page-head"><h1>{t('matrix.title')}</h1></div>
      <p className="lead" data-testid="matrix-gaps">
        {gapCount === 0 ? t('matrix.noGaps') : t('matrix.gaps', { n: gapCount, total })}
      </p>
      <div className="table-wrap">
        <table className="pair-grid">
          <caption>{t('matrix.gridCaption')}</caption>
          <thead>
            <tr>
              <td />
              {grid.cols.map((om) => <th key={keyOf(om)} scope="col" className={!om || !om.active ? 'gap' : ''}>{name(om)}</th>)}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((am) => (
              <tr key={keyOf(am)}>
                <th scope="row" className={!am || !am.active ? 'gap' : ''}>{name(am)}</th>
                {grid.cols.map((om) => {
                  const n = grid.count(keyOf(am), keyOf(om));
                  const current = filter.am === keyOf(am) && filter.om === keyOf(om);
                  return (
                    <td key={keyOf(om)} className="num">
                      {n > 0 && (
                        <button type="button" className={current ? 'cell current' : 'cell'} aria-pressed={current}
                          aria-label={t('matrix.cell', { n, am: name(am), om: name(om) })}
                          onClick={() => choose(current ? { am: null, om: null } : { am: keyOf(am), om: keyOf(om) })}>
                          {n}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="check">
          <input type="checkbox" checked={filter.gaps} onChange={(e) => choose({ gaps: e.target.checked ? '1' : null })} />
          {t('matrix.onlyGaps')}
        </label>
        {(filter.am || filter.om) && <button type="button" onClick={() => choose({ am: null, om: null })}>{t('matrix.allPairs')}</button>}
      </form>
      {admin && <Reassign ids={[...selected]} onDone={() => { setSelected(new Set()); reload(); }} />}
      <PagedList result={list} list={list.data?.clients} page={page} label={t('matrix.pages')}
        below={t('page.below', { label: t('matrix.pages') })} empty={t('matrix.empty')} retry={reload}>
        {(shown) => (<>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {admin && (
                  <th scope="col">
                    <input type="checkbox" aria-label={t('matrix.selectAll')} checked={shown.every((c) => selected.has(c.id))}
                      onChange={(e) => setSelected((s) => { const n = new Set(s); for (const c of shown) { if (e.target.checked) n.add(c.id); else n.delete(c.id); } return n; })} />
                  </th>
                )}
                <th scope="col">{t('client.name')}</th>
                <th scope="col">{t('client.am')}</th>
                <th scope="col">{t('client.om')}</th>
                <th scope="col">{t('matrix.signs')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id} data-testid={`matrix-${c.name}`}>
                  {admin && (
                    <td><input type="checkbox" aria-label={t('matrix.select', { name: c.name })} checked={selected.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} /></td>
                  )}
                  <th scope="row"><Link to={`/clients/${c.id}`}>{c.name}</Link></th>
                  <td><PairMember m={c.accountManager} /></td>
                  <td><PairMember m={c.operationsManager} /></td>
                  <td>
                    {gapsOf(c).map((g) => <span key={g} className="badge overdue">{t(`matrix.gap.${g}`)}</span>)}
                    {c.satisfaction.unhappy && <span className="badge warn">{t('client.unhappy')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>)}
      </PagedList>
    </section>
  );
}

/**
 * The administrator's panel: a new pair for the selected clients. It first
 * asks the server what would move (the clients, and with the hand-over their
 * open tenders and unfinished shipments, by the queries the reassignment
 * runs), and reassigns only once that is confirmed.
 */
function Reassign({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [ams] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'ACCOUNT_MANAGER' } });
  const [oms] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'OPERATIONS_MANAGER' } });
  const [am, setAm] = useState('');
  const [om, setOm] = useState('');
  const [handOver, setHandOver] = useState(true);
  const [done, setDone] = useState('');
  const [sent, reassign] = useMutation(ReassignClientsMutation);
  const list = (r: typeof ams) => nodes(r.data?.managers);
  const key = `${ids.join(',')}|${am}|${om}|${handOver}`;
  // the preview asked about, and what it was asked about: it holds for that alone
  const [asked, setAsked] = useState<{ key: string; vars: { ids: string[]; am: string | null; om: string | null; handOver: boolean } } | null>(null);
  const [answer] = useQuery({ query: ReassignPreviewQuery, variables: asked?.vars ?? { ids: [] }, pause: !asked, requestPolicy: 'network-only' });
  const current: Preview | null = asked?.key === key && !answer.fetching ? answer.data?.reassignPreview ?? null : null;

  function ask(e: React.FormEvent) {
    e.preventDefault();
    setDone('');
    setAsked({ key, vars: { ids, am: am || null, om: om || null, handOver } });
  }
  async function confirm() {
    if (!current) return;
    const r = await reassign({ ids, am: am || null, om: om || null, handOver });
    if (!r.error) {
      const said = t('matrix.reassignedAll', { clients: r.data?.reassignClients.length ?? 0, tenders: current.tenders.length, shipments: current.shipments.length });
      setDone(said);
      toast({ text: said });
      setAsked(null);
      setAm('');
      setOm('');
      onDone();
    }
  }
  return (
    <form className="reassign" onSubmit={ask} aria-labelledby="reassign-title">
      <h2 id="reassign-title">{t('matrix.reassign', { n: ids.length })}</h2>
      <div className="row">
        <label>
          <span>{t('matrix.newAM')}</span>
          <select value={am} onChange={(e) => setAm(e.target.value)}>
            <option value="">{t('matrix.keep')}</option>
            {list(ams).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label>
          <span>{t('matrix.newOM')}</span>
          <select value={om} onChange={(e) => setOm(e.target.value)}>
            <option value="">{t('matrix.keep')}</option>
            {list(oms).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={handOver} onChange={(e) => setHandOver(e.target.checked)} />
          {t('matrix.handOver')}
        </label>
        <button type="submit" disabled={ids.length === 0 || (!am && !om) || (!!asked && answer.fetching)}>
          {asked && answer.fetching ? t('state.loading') : t('matrix.preview')}
        </button>
      </div>
      <Problems error={(asked ? answer.error : undefined) ?? sent.error} />
      {current && (
        <section className="preview" aria-label={t('matrix.previewTitle')} data-testid="reassign-preview">
          <p><strong>{t('matrix.previewSummary', { clients: current.clients.length, tenders: current.tenders.length, shipments: current.shipments.length })}</strong></p>
          <PreviewList title={t('matrix.previewClients')} items={current.clients.map((c) => ({ id: c.id, text: c.name }))} testid="preview-clients" />
          <PreviewList title={t('matrix.previewTenders')} items={current.tenders.map((x) => ({ id: x.id, text: `${x.reference} · ${x.title}` }))} testid="preview-tenders" />
          <PreviewList title={t('matrix.previewShipments')} items={current.shipments.map((x) => ({ id: x.id, text: x.reference }))} testid="preview-shipments" />
          <div className="row">
            <button type="button" className="primary" disabled={sent.fetching} onClick={() => void confirm()}>
              {sent.fetching ? t('saving') : t('matrix.apply')}
            </button>
            <button type="button" className="link" onClick={() => setAsked(null)}>{t('cancel')}</button>
          </div>
        </section>
      )}
      {done && <p role="status" className="done">{done}</p>}
      {ids.length === 0 && <p className="hint">{t('matrix.selectHint')}</p>}
    </form>
  );
}

function PreviewList({ title, items, testid }: { title: string; items: { id: string; text: string }[]; testid: string }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <div data-testid={testid}>
      <h3>{title}</h3>
      <ul>
        {items.slice(0, shownInPreview).map((x) => <li key={x.id}>{x.text}</li>)}
        {items.length > shownInPreview && <li>{t('matrix.previewMore', { n: items.length - shownInPreview })}</li>}
      </ul>
    </div>
  );
}
