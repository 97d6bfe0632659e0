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
import type { ClientWhereInput } from '../gql/graphql';

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

/** The administrator's panel: a new pair for the selected clients. */
function Reassign({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [ams] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'ACCOUNT_MANAGER' } });
  const [oms] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'OPERATIONS_MANAGER' } });
  const [am, setAm] = useState('');
  const [om, setOm] = useState('');
  const [handOver, setHandOver] = useState(true);
  const [done, setDone] = useState('');
  const [sent, reassign] = useMutation(ReassignClientsMutation);
  const list = (r: typeof ams) => nodes(r.data?.managers);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone('');
    const r = await reassign({ ids, am: am || null, om: om || null, handOver });
    if (!r.error) {
      setDone(t('matrix.reassigned', { n: r.data?.reassignClients.length ?? 0 }));
      setAm('');
      setOm('');
      onDone();
    }
  }
  return (
    <form className="reassign" onSubmit={submit} aria-labelledby="reassign-title">
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
        <button type="submit" className="primary" disabled={ids.length === 0 || (!am && !om) || sent.fetching}>
          {sent.fetching ? t('saving') : t('matrix.apply')}
        </button>
      </div>
      <Problems error={sent.error} />
      {done && <p role="status" className="done">{done}</p>}
      {ids.length === 0 && <p className="hint">{t('matrix.selectHint')}</p>}
    </form>
  );
}
