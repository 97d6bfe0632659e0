// Creating and editing a shipment: its client, operations manager and
// contract, the plan (mode, route, planned times), and the money (price to
// the client, cost from the carrier, so that its margin shows). Once it is
// under way the server keeps its plan (Shipment.frozenFields): those fields
// show fixed, with why, instead of being refused on saving.
import type { FormEvent } from 'react';
import { ChangedUnderneath, useWatch } from '../api/watch';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Currency, TransportMode } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { ManagerChoicesQuery, currencies } from '../forms/choices';
import { useClientChoices } from '../forms/clientChoices';
import { changedFields, ConflictNote, useEdit } from '../forms/edit';
import { Field, useCheckedForm, type Errors } from '../forms/fields';
import { amountForInput, minorUnits, parseAmount, utcToZoned, zonedToUTC } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { NotAllowed, NotFound, Problems, recordGate } from '../layout/states';
import { modes } from './lists';

const ShipmentFormQuery = graphql(`
  query ShipmentForm($id: ID!) {
    node(id: $id) {
      __typename
      ... on Shipment {
        id version reference status mode origin destination plannedPickup plannedDelivery
        currency price cost weightKg frozenFields viewerCanRun
        client { id name operationsManagerID }
        operationsManager { id name }
        tender { id }
      }
    }
  }
`);

const WonTendersQuery = graphql(`
  query WonTenders($client: ID!) {
    tenders(first: 200, where: {clientID: $client, stage: WON}, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {
      edges { node { id reference title } }
    }
  }
`);

const CreateShipment = graphql(`
  mutation CreateShipment($input: CreateShipmentInput!) { createShipment(input: $input) { id } }
`);

const UpdateShipment = graphql(`
  mutation UpdateShipment($id: ID!, $input: UpdateShipmentInput!, $expectedVersion: Int) {
    updateShipment(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id version reference mode origin destination plannedPickup plannedDelivery currency price cost margin weightKg isLate
      client { id name operationsManagerID } operationsManager { id name } tender { id reference }
    }
  }
`);

export interface ShipmentValues {
  reference: string; clientID: string; operationsManagerID: string; tenderID: string;
  mode: TransportMode; origin: string; destination: string;
  /** datetime-local, in the viewer's time zone */
  pickup: string; delivery: string;
  currency: Currency; price: string; cost: string; weightKg: string;
}

// the form's values by the API's field names, where they differ
const alias = { plannedPickup: 'pickup', plannedDelivery: 'delivery' } as const;
const shipmentFields = ['reference', 'clientID', 'operationsManagerID', 'tenderID', 'mode', 'origin', 'destination',
  'plannedPickup', 'plannedDelivery', 'currency', 'price', 'cost', 'weightKg'];

export function checkShipment(v: ShipmentValues, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.reference.trim()) e.reference = t('required');
  if (!v.clientID) e.clientID = t('required');
  if (!v.operationsManagerID) e.operationsManagerID = t('required');
  if (!v.origin.trim()) e.origin = t('required');
  if (!v.destination.trim()) e.destination = t('required');
  if (!v.pickup) e.plannedPickup = t('required');
  if (!v.delivery) e.plannedDelivery = t('required');
  if (parseAmount(v.price) === null) e.price = v.price.trim() ? t('form.amountInvalid') : t('required');
  if (v.cost.trim() && parseAmount(v.cost) === null) e.cost = t('form.amountInvalid');
  if (v.weightKg.trim() && !/^\d+([.,]\d+)?$/.test(v.weightKg.trim())) e.weightKg = t('shipment.weightInvalid');
  return e;
}

function ShipmentFormView({ initial, frozen = [], onSubmit, submitLabel, busy, error, cancelTo }: {
  initial: ShipmentValues; frozen?: readonly string[]; onSubmit(v: ShipmentValues): void;
  submitLabel: string; busy: boolean; error?: import('urql').CombinedError; cancelTo?: string;
}) {
  const { t, timeZone } = useI18n();
  const { values: v, set, errors, form, valid } = useCheckedForm(shipmentFields, initial, (x) => checkShipment(x, t), error);
  const [oms] = useQuery({ query: ManagerChoicesQuery, variables: { role: 'OPERATIONS_MANAGER' } });
  const [tenders] = useQuery({ query: WonTendersQuery, variables: { client: v.clientID }, pause: !v.clientID });
  // the clients the server lets the viewer put a shipment on
  const { choices, finder } = useClientChoices(v.clientID);
  const clientChoices = choices.filter((c) => c.viewerCan.addShipment || c.id === initial.clientID);
  const fixed = (f: string) => frozen.includes(f);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid()) onSubmit(v);
  }
  return (
    <form ref={form} className="form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 && <p className="problems" role="alert">{t('form.fix')}</p>}
      <Problems error={error} fields={shipmentFields} />
      {frozen.length > 0 && <p className="hint" data-testid="plan-kept">{t('shipment.planKept')}</p>}
      <fieldset className="grid" disabled={busy}>
        <Field label={t('shipment.reference')} error={errors.reference}>
          {(p) => <input {...p} value={v.reference} onChange={set('reference')} maxLength={40} autoComplete="off" />}
        </Field>
        <Field label={t('shipment.client')} error={errors.clientID}>
          {(p) => (<>
            {!fixed('clientID') && finder}
            <select {...p} disabled={fixed('clientID')} value={v.clientID} onChange={(e) => {
              set('clientID')(e);
              // a contract is the client's: another client's is none of this one's
              set('tenderID')({ target: { value: '' } });
            }}>
              <option value="">{t('tender.pickClient')}</option>
              {clientChoices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </>)}
        </Field>
        <Field label={t('shipment.om')} error={errors.operationsManagerID}>
          {(p) => (
            <select {...p} value={v.operationsManagerID} onChange={set('operationsManagerID')}>
              <option value="">{t('shipment.pickOm')}</option>
              {oms.data?.managers.edges?.map((e) => e?.node && <option key={e.node.id} value={e.node.id}>{e.node.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('shipment.tender')} error={errors.tenderID} hint={t('shipment.tenderHint')}>
          {(p) => (
            <select {...p} value={v.tenderID} onChange={set('tenderID')}>
              <option value="">{t('shipment.noTender')}</option>
              {tenders.data?.tenders.edges?.map((e) => e?.node && <option key={e.node.id} value={e.node.id}>{e.node.reference} · {e.node.title}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('shipment.mode')} error={errors.mode}>
          {(p) => (
            <select {...p} disabled={fixed('mode')} value={v.mode} onChange={set('mode')}>
              {modes.map((m) => <option key={m} value={m}>{t(`mode.${m}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('field.origin')} error={errors.origin}>
          {(p) => <input {...p} disabled={fixed('origin')} value={v.origin} onChange={set('origin')} maxLength={200} />}
        </Field>
        <Field label={t('field.destination')} error={errors.destination}>
          {(p) => <input {...p} disabled={fixed('destination')} value={v.destination} onChange={set('destination')} maxLength={200} />}
        </Field>
        <Field label={t('shipment.plannedPickup')} error={errors.plannedPickup} hint={t('form.inZone', { zone: timeZone })}>
          {(p) => <input {...p} type="datetime-local" disabled={fixed('plannedPickup')} value={v.pickup} onChange={set('pickup', 'plannedPickup')} />}
        </Field>
        <Field label={t('shipment.plannedDelivery')} error={errors.plannedDelivery} hint={t('form.inZone', { zone: timeZone })}>
          {(p) => <input {...p} type="datetime-local" disabled={fixed('plannedDelivery')} value={v.delivery} onChange={set('delivery', 'plannedDelivery')} />}
        </Field>
        <Field label={t('tender.currency')} error={errors.currency}>
          {(p) => (
            <select {...p} value={v.currency} onChange={set('currency')}>
              {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('shipment.price')} error={errors.price}>
          {(p) => <input {...p} value={v.price} onChange={set('price')} inputMode="decimal" />}
        </Field>
        <Field label={t('field.cost')} error={errors.cost} hint={t('shipment.costHint')}>
          {(p) => <input {...p} value={v.cost} onChange={set('cost')} inputMode="decimal" />}
        </Field>
        <Field label={t('field.weightKg')} error={errors.weightKg}>
          {(p) => <input {...p} value={v.weightKg} onChange={set('weightKg')} inputMode="decimal" />}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('saving') : submitLabel}</button>
        {cancelTo && <Link className="button" to={cancelTo}>{t('cancel')}</Link>}
      </div>
    </form>
  );
}

function toInput(v: ShipmentValues, timeZone: string) {
  return {
    reference: v.reference.trim(), clientID: v.clientID, operationsManagerID: v.operationsManagerID,
    tenderID: v.tenderID || null, mode: v.mode, origin: v.origin.trim(), destination: v.destination.trim(),
    plannedPickup: zonedToUTC(v.pickup, timeZone), plannedDelivery: zonedToUTC(v.delivery, timeZone),
    currency: v.currency, price: parseAmount(v.price)!, cost: v.cost.trim() ? parseAmount(v.cost) : null,
    weightKg: v.weightKg.trim() ? Number(v.weightKg.trim().replace(',', '.')) : 0,
  };
}

export function NewShipmentPage() {
  const { t, timeZone } = useI18n();
  const viewer = useViewer();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateShipment);
  useTitle(t('shipment.new'));
  if (!viewer.can.createShipment) return <NotAllowed />;
  const initial: ShipmentValues = {
    reference: '', clientID: params.get('client') ?? '', operationsManagerID: viewer.role === 'OPERATIONS_MANAGER' ? viewer.id : '',
    tenderID: '', mode: 'ROAD', origin: '', destination: '', pickup: '', delivery: '', currency: 'RUB', price: '', cost: '', weightKg: '',
  };
  return (
    <section className="page narrow">
      <h1>{t('shipment.new')}</h1>
      <ShipmentFormView initial={initial} submitLabel={t('shipment.create')} busy={state.fetching} error={state.error} cancelTo="/shipments"
        onSubmit={async (v) => {
          const { tenderID, cost, ...rest } = toInput(v, timeZone);
          const r = await create({ input: { ...rest, ...(tenderID ? { tenderID } : {}), ...(cost ? { cost } : {}) } });
          if (r.data) navigate(`/shipments/${r.data.createShipment.id}`);
        }} />
    </section>
  );
}

export function EditShipmentPage() {
  const { t, timeZone, locale } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [q, refetch] = useQuery({ query: ShipmentFormQuery, variables: { id } });
  const changedBy = useWatch('shipment', id);
  const [state, update] = useMutation(UpdateShipment);
  useTitle(t('shipment.edit'));
  const s = q.data?.node?.__typename === 'Shipment' ? q.data.node : null;
  const current: ShipmentValues | null = s && {
    reference: s.reference, clientID: s.client.id, operationsManagerID: s.operationsManager.id, tenderID: s.tender?.id ?? '',
    mode: s.mode, origin: s.origin, destination: s.destination,
    pickup: utcToZoned(s.plannedPickup, timeZone), delivery: utcToZoned(s.plannedDelivery, timeZone),
    currency: s.currency, price: amountForInput(s.price, locale), cost: s.cost ? amountForInput(s.cost, locale) : '', weightKg: s.weightKg ? String(s.weightKg) : '',
  };
  const locked = (s?.frozenFields ?? []).map((f) => (alias as Record<string, string>)[f] ?? f) as (keyof ShipmentValues)[];
  const edit = useEdit(current, s?.version, `${id} ${timeZone}`, state.error, () => refetch({ requestPolicy: 'network-only' }), locked);
  if (s && !s.viewerCanRun) return <NotAllowed />;
  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  const { start, initial } = edit;
  if (!s || !start || !initial) return <NotFound />;
  return (
    <section className="page narrow">
      <p className="crumbs"><Link to={`/shipments/${s.id}`}>{t('shipment.title', { reference: s.reference })}</Link></p>
      <h1>{t('shipment.edit')}</h1>
      <ChangedUnderneath name={edit.conflict ? null : changedBy} />
      {edit.conflict && <ConflictNote />}
      <ShipmentFormView key={edit.formKey} cancelTo={`/shipments/${s.id}`} initial={initial} frozen={s.frozenFields}
        submitLabel={t('save')} busy={state.fetching || edit.reloading} error={edit.error}
        onSubmit={async (v) => {
          const input = changed(v, start.values, timeZone);
          edit.saving(v, changedFields<ShipmentValues>(input, alias));
          const r = await update({ id: s.id, input, expectedVersion: start.version });
          if (r.data) navigate(`/shipments/${s.id}`);
        }} />
    </section>
  );
}

/** Only what the form changed; times compared as typed, money by its minor units. */
export function changed(v: ShipmentValues, initial: ShipmentValues, timeZone: string) {
  const now = toInput(v, timeZone);
  const before = toInput({ ...initial, price: initial.price || '0' }, timeZone);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(now) as (keyof typeof now)[]) {
    let same: boolean;
    if (k === 'plannedPickup') same = v.pickup === initial.pickup;
    else if (k === 'plannedDelivery') same = v.delivery === initial.delivery;
    else if (k === 'price' || k === 'cost') {
      const a = now[k], b = before[k];
      same = a === b || (a != null && b != null && minorUnits(a) === minorUnits(b));
    } else same = now[k] === before[k];
    if (same) continue;
    if (k === 'tenderID' && !now.tenderID) out.clearTender = true;
    else if (k === 'cost' && !now.cost) out.clearCost = true;
    else out[k] = now[k];
  }
  return out;
}
