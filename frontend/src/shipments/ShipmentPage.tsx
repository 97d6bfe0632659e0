// One shipment: its plan and what happened, its carrier (chosen here), and
// the form that records pickup, delivery, a delay or an exception.
import { useState } from 'react';
import { ChangedNote, useWatch } from '../api/watch';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ShipmentEventKind, ShipmentStatus } from '../gql/graphql';
import { Field, serverFieldErrors } from '../forms/fields';
import { useI18n } from '../i18n/i18n';
import { utcToZoned, zonedToUTC } from '../i18n/format';
import { useTitle } from '../layout/title';
import { Empty, NotFound, Problems, recordGate } from '../layout/states';
import { CarrierPicker } from './CarrierPicker';
import { recordable, setsEstimate } from './events';
import { nodes } from '../api/nodes';
import { History } from '../layout/History';
import { Truncated } from '../layout/paging';
import { LateBadge } from './LateBadge';

export const ShipmentPageQuery = graphql(`
  query ShipmentPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Shipment {
        id version reference status mode origin destination weightKg
        plannedPickup plannedDelivery estimatedDelivery actualPickup actualDelivery isLate
        price cost margin currency viewerCanRun
        client { id name operationsManagerID }
        tender { id reference }
        operationsManager { id name }
        carrier { id name }
        events(first: 200, orderBy: [{field: AT, direction: DESC}]) {
          totalCount
          edges { node { id kind at note estimatedDelivery carrier { id name } replacedCarrier { id name } } }
        }
      }
    }
  }
`);

export const RecordEventMutation = graphql(`
  mutation RecordShipmentEvent($id: ID!, $kind: ShipmentEventKind!, $at: Time!, $note: String, $eta: Time, $version: Int) {
    recordShipmentEvent(shipmentID: $id, kind: $kind, at: $at, note: $note, estimatedDelivery: $eta, expectedVersion: $version) {
      id version status actualPickup actualDelivery estimatedDelivery isLate
    }
  }
`);

export function ShipmentPage() {
  const { t, dateTime, money, number } = useI18n();
  const { id = '' } = useParams();
  const [q, refetch] = useQuery({ query: ShipmentPageQuery, variables: { id } });
  const changedBy = useWatch('shipment', id, () => refetch({ requestPolicy: 'network-only' }));
  const [picking, setPicking] = useState(false);
  const s = q.data?.node?.__typename === 'Shipment' ? q.data.node : null;
  useTitle(s ? t('shipment.title', { reference: s.reference }) : null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const gate = recordGate(q, reload);
  if (gate) return gate;
  if (!s) return <NotFound />;
  const runs = s.viewerCanRun;
  const events = nodes(s.events);
  const canPick = runs && (s.status === 'PLANNED' || s.status === 'BOOKED');
  return (
    <article className="page shipment">
      <p className="crumbs"><Link to="/shipments">{t('nav.shipments')}</Link></p>
      <ChangedNote name={changedBy} />
      <div className="page-head">
        <h1>{t('shipment.title', { reference: s.reference })}</h1>
        <span className={`stage-pill ${s.status}`} data-testid="shipment-status">{t(`shipmentStatus.${s.status}`)}</span>
        <LateBadge s={s} testId="shipment-late" />
        {runs && <Link className="button" to={`/shipments/${s.id}/edit`}>{t('shipment.editLink')}</Link>}
      </div>
      <dl className="details">
        <div><dt>{t('shipment.client')}</dt><dd><Link to={`/clients/${s.client.id}`}>{s.client.name}</Link></dd></div>
        <div><dt>{t('shipment.lane')}</dt><dd>{s.origin} → {s.destination}</dd></div>
        <div><dt>{t('shipment.mode')}</dt><dd>{t(`mode.${s.mode}`)}</dd></div>
        <div><dt>{t('shipment.carrier')}</dt><dd data-testid="shipment-carrier">{s.carrier ? <Link to={`/carriers/${s.carrier.id}`}>{s.carrier.name}</Link> : t('shipment.noCarrier')}</dd></div>
        <div><dt>{t('shipment.om')}</dt><dd>{s.operationsManager.name}</dd></div>
        {s.tender && <div><dt>{t('shipment.tender')}</dt><dd><Link to={`/tenders/${s.tender.id}`}>{s.tender.reference}</Link></dd></div>}
        <div><dt>{t('shipment.plannedPickup')}</dt><dd>{dateTime(s.plannedPickup)}</dd></div>
        <div><dt>{t('shipment.actualPickup')}</dt><dd>{s.actualPickup ? dateTime(s.actualPickup) : t('none')}</dd></div>
        <div><dt>{t('shipment.plannedDelivery')}</dt><dd>{dateTime(s.plannedDelivery)}</dd></div>
        <div><dt>{t('shipment.estimatedDelivery')}</dt><dd>{s.estimatedDelivery ? dateTime(s.estimatedDelivery) : t('none')}</dd></div>
        <div><dt>{t('shipment.actualDelivery')}</dt><dd>{s.actualDelivery ? dateTime(s.actualDelivery) : t('none')}</dd></div>
        <div><dt>{t('shipment.weight')}</dt><dd>{t('shipment.kg', { kg: number(s.weightKg) })}</dd></div>
        <div><dt>{t('shipment.price')}</dt><dd>{money(s.price, s.currency)}</dd></div>
        <div><dt>{t('shipment.margin')}</dt><dd>{s.margin ? money(s.margin, s.currency) : t('none')}</dd></div>
      </dl>

      {canPick && (
        <section aria-labelledby="carrier-title">
          <div className="section-head">
            <h2 id="carrier-title">{t('shipment.carrier')}</h2>
            {!picking && <button type="button" onClick={() => setPicking(true)}>{s.carrier ? t('assign.change') : t('assign.open', { reference: s.reference })}</button>}
          </div>
          {picking && <CarrierPicker shipment={s} onDone={() => { setPicking(false); reload(); }} onCancel={() => setPicking(false)} />}
        </section>
      )}

      {runs && recordable(s.status, !!s.carrier).length > 0 && (
        <EventForm key={s.version} shipment={s} onDone={reload} />
      )}

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('shipment.events')}</h2>
        <Truncated shown={events.length} total={s.events.totalCount} />
        {events.length === 0 ? <Empty>{t('shipment.noEvents')}</Empty> : (
          <ol className="history">
            {events.map((e) => (
              <li key={e.id}>
                <span className={`event ${e.kind}`}>{t(`event.${e.kind}`)}</span>{' '}
                <time dateTime={e.at}>{dateTime(e.at)}</time>
                {e.carrier && <> · {e.carrier.name}</>}
                {e.replacedCarrier && <> {t('event.replacing', { carrier: e.replacedCarrier.name })}</>}
                {e.estimatedDelivery && <> · {t('shipment.eta', { at: dateTime(e.estimatedDelivery) })}</>}
                {e.note && <div className="note">{e.note}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <History id={s.id} version={s.version} />
    </article>
  );
}

function EventForm({ shipment: s, onDone }: {
  shipment: { id: string; version: number; status: ShipmentStatus; carrier?: { id: string } | null };
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const kinds = recordable(s.status, !!s.carrier);
  const [kind, setKind] = useState<ShipmentEventKind | ''>('');
  const [at, setAt] = useState(() => utcToZoned(new Date().toISOString(), timeZone));
  const [note, setNote] = useState('');
  const [eta, setEta] = useState('');
  const [sent, record] = useMutation(RecordEventMutation);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const fieldErrors = { ...serverFieldErrors(sent.error, i18n), ...missing };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!kind) m.kind = t('event.chooseKind');
    if (!at) m.at = t('required');
    if (kind === 'EXCEPTION' && !note.trim()) m.note = t('event.noteRequired');
    if (kind === 'DELAYED' && !eta) m.estimatedDelivery = t('event.etaRequired');
    setMissing(m);
    if (Object.keys(m).length > 0 || !kind) return;
    const r = await record({
      id: s.id, kind, at: zonedToUTC(at, timeZone), note: note.trim() || null,
      eta: setsEstimate(kind) && eta ? zonedToUTC(eta, timeZone) : null, version: s.version,
    });
    if (!r.error) onDone();
  }

  return (
    <section aria-labelledby="record-title">
      <h2 id="record-title">{t('event.record')}</h2>
      <form className="form inline" onSubmit={submit} noValidate>
        <Field label={t('event.kind')} error={fieldErrors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ShipmentEventKind)}>
              <option value="">{t('event.chooseKind')}</option>
              {kinds.map((k) => <option key={k} value={k}>{t(`event.${k}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('event.at')} error={fieldErrors.at} hint={t('form.inZone', { zone: timeZone })}>
          {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
        </Field>
        {setsEstimate(kind) && (
          <Field label={t('event.eta')} error={fieldErrors.estimatedDelivery} hint={t('form.inZone', { zone: timeZone })}>
            {(p) => <input {...p} type="datetime-local" value={eta} onChange={(e) => setEta(e.target.value)} />}
          </Field>
        )}
        <Field label={kind === 'EXCEPTION' ? t('event.noteRequiredLabel') : t('event.note')} error={fieldErrors.note}>
          {(p) => <input {...p} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <Problems error={sent.error} fields={['kind', 'at', 'note', 'estimatedDelivery']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={sent.fetching}>{sent.fetching ? t('saving') : t('event.submit')}</button>
        </div>
      </form>
    </section>
  );
}
