// The operations managers' desk: shipments that need a carrier (soonest
// pickup first), those on the road, and those late, each filtered alike.
import { Fragment, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ShipmentChanges } from './live';
import { useChangedBy, useFollowed, useLiveList } from '../api/liveList';
import { nodes } from '../api/nodes';
import { FoldButton } from '../layout/fold';
import { graphql } from '../gql';
import type { ShipmentRowFragment } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { ClientSelect } from '../forms/ClientSelect';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { useUrlText } from '../layout/url';
import { PagedList, useFilterParams, usePage } from '../layout/paging';
import { CarrierPicker } from './CarrierPicker';
import { LateBadge } from './LateBadge';
import { listNames, listRules, modes, readShipmentFilters, shipmentWhere, type ListName } from './lists';

graphql(`
  fragment ShipmentRow on Shipment {
    id reference version status mode origin destination
    plannedPickup plannedDelivery estimatedDelivery actualPickup isLate viewerCanRun
    client { id name operationsManagerID }
    operationsManager { id name }
    carrier { id name }
  }
`);

export const AssignmentCountsQuery = graphql(`
  query AssignmentCounts($needs: ShipmentWhereInput, $moving: ShipmentWhereInput, $late: ShipmentWhereInput) {
    needs: shipments(where: $needs) { totalCount }
    moving: shipments(where: $moving) { totalCount }
    late: shipments(where: $late) { totalCount }
  }
`);

export const AssignmentListQuery = graphql(`
  query AssignmentList($where: ShipmentWhereInput, $orderBy: [ShipmentOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    shipments(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { ...ShipmentRow } }
    }
  }
`);

const pageSize = 50;
const field: Record<ListName, 'needs' | 'moving' | 'late'> = { 'needs-carrier': 'needs', 'in-transit': 'moving', late: 'late' };

export function AssignmentsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const page = usePage(pageSize);
  const [params, setParams] = useFilterParams(page);
  const f = readShipmentFilters(params, viewer.role);
  const [from, setFrom] = useUrlText(f.from, (v) => setParams({ from: v }, false));
  const [to, setTo] = useUrlText(f.to, (v) => setParams({ to: v }, false));
  const [counts, recount] = useQuery({
    query: AssignmentCountsQuery,
    variables: {
      needs: shipmentWhere('needs-carrier', f, viewer.id),
      moving: shipmentWhere('in-transit', f, viewer.id),
      late: shipmentWhere('late', f, viewer.id),
    },
  });
  const [res, refetch] = useQuery({
    query: AssignmentListQuery,
    variables: { where: shipmentWhere(f.list, f, viewer.id), orderBy: listRules[f.list].orderBy, ...page.args },
  });
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    recount({ requestPolicy: 'network-only' });
  };
  // live: a change to any shipment of the three tabs, or to a row shown
  const rowsShown = useFollowed(nodes(res.data?.shipments).map((s) => s.id));
  const liveVars = useMemo(() => ({
    where: { or: [shipmentWhere('needs-carrier', f, viewer.id), shipmentWhere('in-transit', f, viewer.id), shipmentWhere('late', f, viewer.id)] },
    follow: rowsShown,
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [params.toString(), viewer.id, rowsShown]);
  const [changed, mark] = useChangedBy(viewer.id);
  const [showFilters, setShowFilters] = useState(false);
  useLiveList(ShipmentChanges, (d) => d.shipmentChanged, liveVars, reload, mark);
  useTitle(t('ops.title'));
  const canMine = viewer.role === 'OPERATIONS_MANAGER';
  const data = res.data?.shipments;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('ops.title')}</h1>
        {viewer.can.createShipment && <Link className="button primary" to="/shipments/new">{t('shipment.new')}</Link>}
      </div>
      <div className="tabs" role="tablist" aria-label={t('ops.lists')}>
        {listNames.map((l) => (
          <button key={l} type="button" role="tab" id={`tab-${l}`} aria-selected={f.list === l} aria-controls="ops-list"
            className={f.list === l ? 'tab current' : 'tab'} onClick={() => setParams({ list: l })}>
            {t(`ops.list.${l}`)} <span className="count" data-testid={`count-${l}`}>{counts.data ? counts.data[field[l]].totalCount : '…'}</span>
          </button>
        ))}
      </div>
      {/* on a phone the filters fold away until asked for: the list first */}
      <FoldButton open={showFilters} onToggle={() => setShowFilters((x) => !x)} controls="shipment-filters"
        active={params.toString().replace(/(^|&)(list|mine|after|before|at)=[^&]*/g, '') !== ''} />
      <form id="shipment-filters" className={`filters foldable${showFilters ? ' open' : ''}`} role="search" aria-label={t('ops.filters')} onSubmit={(e) => e.preventDefault()}>
        {canMine && (
          <label className="check">
            <input type="checkbox" checked={f.mine} onChange={(e) => setParams({ mine: e.target.checked ? '1' : '0' })} />
            {t('ops.mine')}
          </label>
        )}
        <label>
          <span>{t('ops.client')}</span>
          <ClientSelect value={f.client} onChange={(v) => setParams({ client: v })} anyLabel={t('ops.anyClient')} />
        </label>
        <label>
          <span>{t('ops.mode')}</span>
          <select value={f.mode} onChange={(e) => setParams({ mode: e.target.value })}>
            <option value="">{t('ops.anyMode')}</option>
            {modes.map((m) => <option key={m} value={m}>{t(`mode.${m}`)}</option>)}
          </select>
        </label>
        <label><span>{t('ops.from')}</span><input type="search" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label><span>{t('ops.to')}</span><input type="search" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      </form>
      <div id="ops-list" role="tabpanel" aria-labelledby={`tab-${f.list}`}>
        <PagedList result={res} list={data} page={page} label={t('ops.pages')} below={t('ops.pagesBelow')} empty={t(`ops.empty.${f.list}`)} retry={reload}>
          {(rows) => <ShipmentTable rows={rows} list={f.list} reload={reload} changed={changed} />}
        </PagedList>
      </div>
    </section>
  );
}

/** One list's rows; a row that needs a carrier opens the carrier picker in place. */
export function ShipmentTable({ rows, list, reload, changed = {} }: {
  rows: ShipmentRowFragment[]; list: ListName; reload: () => void;
  /** Rows someone else changed a moment ago, and who. */
  changed?: Record<string, { name: string }>;
}) {
  const { t, dateTime } = useI18n();
  const [picking, setPicking] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      <table className="shipments cards">
        <thead>
          <tr>
            <th scope="col">{t('shipment.reference')}</th>
            <th scope="col">{t('shipment.client')}</th>
            <th scope="col">{t('shipment.lane')}</th>
            <th scope="col">{t('shipment.mode')}</th>
            <th scope="col">{t('shipment.status')}</th>
            <th scope="col">{list === 'needs-carrier' ? t('shipment.plannedPickup') : t('shipment.plannedDelivery')}</th>
            <th scope="col">{list === 'needs-carrier' ? t('shipment.om') : t('shipment.carrier')}</th>
            <th scope="col"><span className="visually-hidden">{t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <Fragment key={s.id}>
              <tr data-testid={`row-${s.reference}`}>
                <th scope="row">
                  <Link to={`/shipments/${s.id}`}>{s.reference}</Link>{' '}<LateBadge s={s} />
                  {changed[s.id] && <span className="changed-by" data-testid="changed-by">{t('card.changedBy', { name: changed[s.id].name })}</span>}
                </th>
                <td data-label={t('shipment.client')}><Link to={`/clients/${s.client.id}`}>{s.client.name}</Link></td>
                <td data-label={t('shipment.lane')}>{s.origin} → {s.destination}</td>
                <td data-label={t('shipment.mode')}>{t(`mode.${s.mode}`)}</td>
                <td data-label={t('shipment.status')}>{t(`shipmentStatus.${s.status}`)}</td>
                <td data-label={list === 'needs-carrier' ? t('shipment.plannedPickup') : t('shipment.plannedDelivery')}>
                  {list === 'needs-carrier' ? dateTime(s.plannedPickup) : dateTime(s.plannedDelivery)}
                  {list !== 'needs-carrier' && s.estimatedDelivery && s.estimatedDelivery !== s.plannedDelivery && (
                    <div className="hint">{t('shipment.eta', { at: dateTime(s.estimatedDelivery) })}</div>
                  )}
                </td>
                <td data-label={list === 'needs-carrier' ? t('shipment.om') : t('shipment.carrier')}>{list === 'needs-carrier' ? s.operationsManager.name : s.carrier ? <Link to={`/carriers/${s.carrier.id}`}>{s.carrier.name}</Link> : t('none')}</td>
                <td>
                  {list === 'needs-carrier' && s.viewerCanRun ? (
                    <button type="button" aria-expanded={picking === s.id} onClick={() => setPicking(picking === s.id ? null : s.id)}>
                      {t('assign.open', { reference: s.reference })}
                    </button>
                  ) : <Link to={`/shipments/${s.id}`}>{t('shipment.open')}</Link>}
                </td>
              </tr>
              {picking === s.id && (
                <tr className="picker-row">
                  <td colSpan={8}>
                    <CarrierPicker shipment={s} onDone={() => { setPicking(null); reload(); }} onCancel={() => setPicking(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
