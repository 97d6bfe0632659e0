// Adding and editing a tender's lane: the route, its volume, and the
// client's target rate beside ours.
import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { Currency, TransportMode, VolumeUnit } from '../gql/graphql';
import { currencies } from '../forms/choices';
import { Field, useCheckedForm, type Errors } from '../forms/fields';
import { amountForInput, parseAmount, parseCount } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { Problems } from '../layout/states';

export interface LaneRow {
  id: string;
  version: number;
  origin: string;
  destination: string;
  mode: TransportMode;
  yearlyVolume: number;
  volumeUnit: VolumeUnit;
  currency: Currency;
  targetRate?: string | null;
  offeredRate?: string | null;
}

const CreateLane = graphql(`
  mutation CreateLane($input: CreateLaneInput!) {
    createLane(input: $input) { id tender { id } }
  }
`);

const UpdateLane = graphql(`
  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {
    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate
    }
  }
`);

const modes: TransportMode[] = ['ROAD', 'RAIL', 'SEA', 'AIR', 'MULTIMODAL'];
const units: VolumeUnit[] = ['LOAD', 'TEU', 'TONNE', 'PALLET'];

interface Values {
  origin: string; destination: string; mode: TransportMode; yearlyVolume: string;
  volumeUnit: VolumeUnit; currency: Currency; targetRate: string; offeredRate: string;
}

/** The input fields the form shows, by their API names. */
const laneFields = ['origin', 'destination', 'mode', 'yearlyVolume', 'volumeUnit', 'currency', 'targetRate', 'offeredRate'];

export function checkLane(v: Values, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.origin.trim()) e.origin = t('required');
  if (!v.destination.trim()) e.destination = t('required');
  if (parseCount(v.yearlyVolume) === null) e.yearlyVolume = t('form.countInvalid');
  if (v.targetRate.trim() && parseAmount(v.targetRate) === null) e.targetRate = t('form.amountInvalid');
  if (v.offeredRate.trim() && parseAmount(v.offeredRate) === null) e.offeredRate = t('form.amountInvalid');
  return e;
}

export function LaneForm({ tenderID, lane, onDone }: { tenderID: string; lane: LaneRow | null; onDone(): void }) {
  const { t, locale } = useI18n();
  const [created, create] = useMutation(CreateLane);
  const [updated, update] = useMutation(UpdateLane);
  const state = lane ? updated : created;
  const { values: v, set, errors, form, valid } = useCheckedForm<Values>(laneFields, () => ({
    origin: lane?.origin ?? '', destination: lane?.destination ?? '', mode: lane?.mode ?? 'ROAD',
    yearlyVolume: String(lane?.yearlyVolume ?? ''), volumeUnit: lane?.volumeUnit ?? 'LOAD', currency: lane?.currency ?? 'RUB',
    targetRate: lane?.targetRate ? amountForInput(lane.targetRate, locale) : '',
    offeredRate: lane?.offeredRate ? amountForInput(lane.offeredRate, locale) : '',
  }), (x) => checkLane(x, t), state.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid()) return;
    const common = {
      origin: v.origin.trim(), destination: v.destination.trim(), mode: v.mode, yearlyVolume: parseCount(v.yearlyVolume)!,
      volumeUnit: v.volumeUnit, currency: v.currency,
    };
    const target = parseAmount(v.targetRate), offered = parseAmount(v.offeredRate);
    const r = lane
      ? await update({
        id: lane.id, expectedVersion: lane.version,
        input: {
          ...common,
          ...(target ? { targetRate: target } : { clearTargetRate: true }),
          ...(offered ? { offeredRate: offered } : { clearOfferedRate: true }),
        },
      })
      : await create({ input: { ...common, tenderID, targetRate: target, offeredRate: offered } });
    if (!r.error) onDone();
  }

  const title = lane ? t('lane.edit', { origin: lane.origin, destination: lane.destination }) : t('lane.new');
  return (
    <form ref={form} className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <Problems error={state.error} fields={laneFields} />
      <div className="grid">
        <Field label={t('lane.origin')} error={errors.origin}>{(p) => <input {...p} value={v.origin} onChange={set('origin')} maxLength={200} />}</Field>
        <Field label={t('lane.destination')} error={errors.destination}>{(p) => <input {...p} value={v.destination} onChange={set('destination')} maxLength={200} />}</Field>
        <Field label={t('lane.mode')} error={errors.mode}>
          {(p) => <select {...p} value={v.mode} onChange={set('mode')}>{modes.map((m) => <option key={m} value={m}>{t(`mode.${m}`)}</option>)}</select>}
        </Field>
        <Field label={t('lane.volume')} error={errors.yearlyVolume}>{(p) => <input {...p} value={v.yearlyVolume} onChange={set('yearlyVolume')} inputMode="numeric" />}</Field>
        <Field label={t('lane.unit')} error={errors.volumeUnit}>
          {(p) => <select {...p} value={v.volumeUnit} onChange={set('volumeUnit')}>{units.map((u) => <option key={u} value={u}>{t(`unit.${u}`)}</option>)}</select>}
        </Field>
        <Field label={t('lane.currency')} error={errors.currency}>
          {(p) => <select {...p} value={v.currency} onChange={set('currency')}>{currencies.map((c) => <option key={c} value={c}>{c}</option>)}</select>}
        </Field>
        <Field label={t('lane.target')} error={errors.targetRate}>{(p) => <input {...p} value={v.targetRate} onChange={set('targetRate')} inputMode="decimal" />}</Field>
        <Field label={t('lane.offered')} error={errors.offeredRate}>{(p) => <input {...p} value={v.offeredRate} onChange={set('offeredRate')} inputMode="decimal" />}</Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={state.fetching}>{state.fetching ? t('saving') : t('save')}</button>
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
    </form>
  );
}
