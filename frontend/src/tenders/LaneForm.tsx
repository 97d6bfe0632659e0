// Adding and editing a tender's lane: the route, its volume, and the
// client's target rate beside ours.
import { useEffect } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { Currency, LaneRowFragment, TransportMode, VolumeUnit } from '../gql/graphql';
import { currencies } from '../forms/choices';
import { Field, type Errors } from '../forms/fields';
import { InlineForm } from '../forms/InlineForm';
import { amountForInput, minorUnits, parseAmount, parseCount, type Locale } from '../i18n/format';
import { changedFields, useEdit } from '../forms/edit';
import { useI18n } from '../i18n/i18n';

graphql(`
  fragment LaneRow on Lane {
    id version origin destination mode yearlyVolume volumeUnit currency targetRate offeredRate
  }
`);

/** A lane as the tender page holds it: the LaneRow fragment, as generated. */
export type LaneRow = LaneRowFragment;

const CreateLane = graphql(`
  mutation CreateLane($input: CreateLaneInput!) {
    createLane(input: $input) { id tender { id } }
  }
`);

const UpdateLane = graphql(`
  mutation UpdateLane($id: ID!, $input: UpdateLaneInput!, $expectedVersion: Int) {
    updateLane(id: $id, input: $input, expectedVersion: $expectedVersion) { ...LaneRow }
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

function laneValues(lane: LaneRow | null, currency: Currency, locale: Locale): Values {
  return {
    origin: lane?.origin ?? '', destination: lane?.destination ?? '', mode: lane?.mode ?? 'ROAD',
    yearlyVolume: lane ? String(lane.yearlyVolume) : '', volumeUnit: lane?.volumeUnit ?? 'LOAD', currency: lane?.currency ?? currency,
    targetRate: lane?.targetRate ? amountForInput(lane.targetRate, locale) : '',
    offeredRate: lane?.offeredRate ? amountForInput(lane.offeredRate, locale) : '',
  };
}

/** The lane's input from the form's values. */
function laneInput(v: Values) {
  return {
    origin: v.origin.trim(), destination: v.destination.trim(), mode: v.mode, yearlyVolume: parseCount(v.yearlyVolume)!,
    volumeUnit: v.volumeUnit, currency: v.currency, targetRate: parseAmount(v.targetRate), offeredRate: parseAmount(v.offeredRate),
  };
}

/** Only what an edit changed; a rate emptied is cleared. */
export function changedLane(v: Values, start: Values) {
  const now = laneInput(v), before = laneInput(start);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(now) as (keyof typeof now)[]) {
    if (now[k] === before[k]) continue;
    if (k === 'targetRate' || k === 'offeredRate') {
      if (now[k] === null) out[k === 'targetRate' ? 'clearTargetRate' : 'clearOfferedRate'] = true;
      else if (before[k] === null || minorUnits(now[k]!) !== minorUnits(before[k]!)) out[k] = now[k];
    } else {
      out[k] = now[k];
    }
  }
  return out;
}

/**
 * A new lane (lane null) or an edit of one, as the tender page holds it now.
 * After a refusal the page is fetched again: the tender may have been
 * decided meanwhile, or the lane changed by someone else.
 */
export function LaneForm({ tenderID, lane, currency, onDone, reload }: {
  tenderID: string; lane: LaneRow | null; currency: Currency; onDone(): void; reload(): void;
}) {
  const { t, plural, locale } = useI18n();
  const [created, create] = useMutation(CreateLane);
  const [updated, update] = useMutation(UpdateLane);
  const state = lane ? updated : created;
  const edit = useEdit(lane && laneValues(lane, currency, locale), lane?.version, lane?.id ?? 'new', updated.error, reload);
  useEffect(() => {
    if (created.error) reload();
    // once per refusal
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [created.error]);
  const initial = lane ? edit.initial : laneValues(null, currency, locale);
  if (!initial) return null;
  const title = lane ? t('lane.edit', { origin: lane.origin, destination: lane.destination }) : t('lane.new');
  return (
    <InlineForm<Values> key={edit.formKey} title={title} fields={laneFields} initial={initial} check={(x) => checkLane(x, t)}
      state={state} error={lane ? edit.error : created.error} conflict={edit.conflict} busy={edit.reloading} onCancel={onDone}
      onSubmit={async (v) => {
        let r;
        if (lane && edit.start) {
          const input = changedLane(v, edit.start.values);
          edit.saving(v, changedFields<Values>(input));
          r = await update({ id: lane.id, expectedVersion: edit.start.version, input });
        } else {
          const { targetRate, offeredRate, ...rest } = laneInput(v);
          r = await create({ input: { ...rest, tenderID, targetRate, offeredRate } });
        }
        if (!r.error) onDone();
      }}>
      {({ v, set, errors }) => (
        <>
          <Field label={t('lane.origin')} error={errors.origin}>{(p) => <input {...p} value={v.origin} onChange={set('origin')} maxLength={200} />}</Field>
          <Field label={t('lane.destination')} error={errors.destination}>{(p) => <input {...p} value={v.destination} onChange={set('destination')} maxLength={200} />}</Field>
          <Field label={t('lane.mode')} error={errors.mode}>
            {(p) => <select {...p} value={v.mode} onChange={set('mode')}>{modes.map((m) => <option key={m} value={m}>{t(`mode.${m}`)}</option>)}</select>}
          </Field>
          <Field label={t('lane.volume')} error={errors.yearlyVolume}>{(p) => <input {...p} value={v.yearlyVolume} onChange={set('yearlyVolume')} inputMode="numeric" />}</Field>
          <Field label={t('lane.unit')} error={errors.volumeUnit}>
            {(p) => <select {...p} value={v.volumeUnit} onChange={set('volumeUnit')}>{units.map((u) => <option key={u} value={u}>{plural(`unit.${u}`, 5)}</option>)}</select>}
          </Field>
          <Field label={t('lane.currency')} error={errors.currency}>
            {(p) => <select {...p} value={v.currency} onChange={set('currency')}>{currencies.map((c) => <option key={c} value={c}>{c}</option>)}</select>}
          </Field>
          <Field label={t('lane.target')} error={errors.targetRate}>{(p) => <input {...p} value={v.targetRate} onChange={set('targetRate')} inputMode="decimal" />}</Field>
          <Field label={t('lane.offered')} error={errors.offeredRate}>{(p) => <input {...p} value={v.offeredRate} onChange={set('offeredRate')} inputMode="decimal" />}</Field>
        </>
      )}
    </InlineForm>
  );
}

