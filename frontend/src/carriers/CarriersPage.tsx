// Carriers and how each has served us: the list, and one carrier's page with
// its record and its shipments.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useViewer } from '../auth/session';
import { CarrierForm } from './CarrierForm';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TransportMode } from '../gql/graphql';
import { RecordLine } from './RecordLine';
import { countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { Empty, NotFound, recordGate } from '../layout/states';
import { modes } from '../shipments/lists';
import { nodes } from '../api/nodes';
import { History } from '../layout/History';
import { LateBadge } from '../shipments/LateBadge';
import { PagedList, Pager, prefixed, useFilterParams, usePage } from '../layout/paging';
import { SortHeader, useSort } from '../layout/sorting';

export const CarriersQuery = graphql(`
  query Carriers($serves: TransportMode, $orderBy: [CarrierOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    carriers(first: $first, after: $after, last: $last, before: $before, serves: $serves, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id name country modes active record { delivered onTime onTimeShare recentExceptions recentDelays inHand } } }
    }
  }
`);

export const CarrierPageQuery = graphql(`
  query CarrierPage($id: ID!, $sFirst: Int, $sAfter: Cursor, $sLast: Int, $sBefore: Cursor,
                    $eFirst: Int, $eAfter: Cursor, $eLast: Int, $eBefore: Cursor) {
    node(id: $id) {
      __typename
      ... on Carrier {
        id version name country modes active contactName contactEmail contactPhone
        record { delivered onTime onTimeShare recentExceptions recentDelays inHand }
        shipments(first: $sFirst, after: $sAfter, last: $sLast, before: $sBefore, orderBy: [{field: PLANNED_PICKUP, direction: DESC}]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { node { id reference status origin destination plannedPickup plannedDelivery isLate client { id name } } }
        }
        events(first: $eFirst, after: $eAfter, last: $eLast, before: $eBefore, where: {kindIn: [EXCEPTION, DELAYED]}, orderBy: [{field: AT, direction: DESC}]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { node { id kind at note shipment { id reference } } } }
      }
    }
  }
`);

export function CarriersPage() {
  const { t, locale } = useI18n();
  const keeps = useViewer().can.keepCarriers;
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const page = usePage(50);
  const [params, setParams] = useFilterParams(page);
  const serves = modes.includes(params.get('mode') as TransportMode) ? params.get('mode') as TransportMode : null;
  const sort = useSort(page, ['NAME'] as const, { field: 'NAME', direction: 'ASC' });
  const [res, refetch] = useQuery({ query: CarriersQuery, variables: { serves, orderBy: sort.orderBy, ...page.args } });
  useTitle(t('carriers.title'));
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('carriers.title')}</h1>
        {keeps && !adding && <button type="button" className="primary" onClick={() => setAdding(true)}>{t('carrier.add')}</button>}
      </div>
      {adding && <CarrierForm carrier={null} reload={() => undefined} onDone={(id) => { setAdding(false); if (id) navigate(`/carriers/${id}`); }} />}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('carriers.serves')}</span>
          <select value={serves ?? ''} onChange={(e) => setParams({ mode: e.target.value })}>
            <option value="">{t('ops.anyMode')}</option>
            {modes.map((m) => <option key={m} value={m}>{t(`mode.${m}`)}</option>)}
          </select>
        </label>
      </form>
      <PagedList result={res} list={res.data?.carriers} page={page} label={t('carriers.pages')}
        below={t('page.below', { label: t('carriers.pages') })} empty={t('carriers.empty')} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(rows) => (<>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <SortHeader sort={sort} page={page} field="NAME">{t('carrier.name')}</SortHeader>
                  <th scope="col">{t('carrier.modes')}</th>
                  <th scope="col">{t('carrier.country')}</th>
                  <th scope="col">{t('carrier.record')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/carriers/${c.id}`}>{c.name}</Link>{!c.active && <> <span className="badge">{t('carrier.inactive')}</span></>}</th>
                    <td>{c.modes.map((m) => t(`mode.${m}`)).join(', ')}</td>
                    <td>{countryName(c.country, locale)}</td>
                    <td><RecordLine r={c.record} /></td>
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

export function CarrierPage() {
  const { t, locale, dateTime, date } = useI18n();
  const { id = '' } = useParams();
  const keeps = useViewer().can.keepCarriers;
  const [editing, setEditing] = useState(false);
  const sPage = usePage(50, 'shipments-');
  const ePage = usePage(20, 'trouble-');
  const [q, refetch] = useQuery({ query: CarrierPageQuery, variables: { id, ...prefixed('s', sPage), ...prefixed('e', ePage) } });
  const c = q.data?.node?.__typename === 'Carrier' ? q.data.node : null;
  useTitle(c?.name);
  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  if (!c) return <NotFound />;
  const shipments = nodes(c.shipments);
  const trouble = nodes(c.events);
  return (
    <article className="page carrier">
      <p className="crumbs"><Link to="/carriers">{t('nav.carriers')}</Link></p>
      <div className="page-head">
        <h1>{c.name}</h1>
        {!c.active && <span className="badge">{t('carrier.inactive')}</span>}
        {keeps && !editing && <button type="button" onClick={() => setEditing(true)}>{t('carrier.edit')}</button>}
      </div>
      {editing && <CarrierForm carrier={c} reload={() => refetch({ requestPolicy: 'network-only' })} onDone={() => { setEditing(false); refetch({ requestPolicy: 'network-only' }); }} />}
      <dl className="details">
        <div><dt>{t('carrier.modes')}</dt><dd>{c.modes.map((m) => t(`mode.${m}`)).join(', ')}</dd></div>
        <div><dt>{t('carrier.country')}</dt><dd>{countryName(c.country, locale)}</dd></div>
        <div><dt>{t('carrier.contact')}</dt><dd>{[c.contactName, c.contactEmail, c.contactPhone].filter(Boolean).join(' · ') || t('none')}</dd></div>
        <div><dt>{t('carrier.record')}</dt><dd data-testid="carrier-record"><RecordLine r={c.record} /></dd></div>
      </dl>
      <section aria-labelledby="trouble-title">
        <h2 id="trouble-title">{t('carrier.trouble')}</h2>
        {trouble.length === 0 ? <Empty>{t('carrier.noTrouble')}</Empty> : (<>
          <Pager page={ePage} total={c.events.totalCount} shown={trouble.length} info={c.events.pageInfo} label={t('carrier.troublePages')} />
          <ol className="history">
            {trouble.map((e) => (
              <li key={e.id}>
                <span className={`event ${e.kind}`}>{t(`event.${e.kind}`)}</span> <time dateTime={e.at}>{dateTime(e.at)}</time>
                {' · '}<Link to={`/shipments/${e.shipment.id}`}>{e.shipment.reference}</Link>
                {e.note && <div className="note">{e.note}</div>}
              </li>
            ))}
          </ol>
        </>)}
      </section>
      <section aria-labelledby="carrier-shipments-title">
        <h2 id="carrier-shipments-title">{t('carrier.shipments')} <span className="count">{c.shipments.totalCount}</span></h2>
        {shipments.length === 0 ? <Empty>{t('carrier.noShipments')}</Empty> : (<>
          <Pager page={sPage} total={c.shipments.totalCount} shown={shipments.length} info={c.shipments.pageInfo} label={t('carrier.shipmentPages')} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('shipment.reference')}</th>
                  <th scope="col">{t('shipment.client')}</th>
                  <th scope="col">{t('shipment.lane')}</th>
                  <th scope="col">{t('shipment.status')}</th>
                  <th scope="col">{t('shipment.plannedPickup')}</th>
                </tr>
              </thead>
              <tbody>
                {shipments.map((s) => (
                  <tr key={s.id}>
                    <th scope="row"><Link to={`/shipments/${s.id}`}>{s.reference}</Link>{' '}<LateBadge s={s} /></th>
                    <td><Link to={`/clients/${s.client.id}`}>{s.client.name}</Link></td>
                    <td>{s.origin} → {s.destination}</td>
                    <td>{t(`shipmentStatus.${s.status}`)}</td>
                    <td>{date(s.plannedPickup)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>)}
      </section>
      <History id={c.id} version={c.version} />
    </article>
  );
}
