// A new carrier, or an edit of one: its name, the modes it serves, its
// country and contact, and whether we still work with it (only an active
// carrier is assigned). Operations managers and administrators keep them.
import { useMemo } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { TransportMode } from '../gql/graphql';
import { Field, isEmail, type Errors } from '../forms/fields';
import { InlineForm } from '../forms/InlineForm';
import { changedFields, changedInput, useEdit } from '../forms/edit';
import { countryCodes, countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { modes } from '../shipments/lists';

const CreateCarrier = graphql(`
  mutation CreateCarrier($input: CreateCarrierInput!) { createCarrier(input: $input) { id } }
`);

const UpdateCarrier = graphql(`
  mutation UpdateCarrier($id: ID!, $input: UpdateCarrierInput!, $expectedVersion: Int) {
    updateCarrier(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id version name country modes active contactName contactEmail contactPhone
    }
  }
`);

export interface CarrierRecord {
  id: string; version: number; name: string; country: string; modes: TransportMode[]; active: boolean;
  contactName: string; contactEmail: string; contactPhone: string;
}

type Values = { name: string; country: string; modes: string; active: string; contactName: string; contactEmail: string; contactPhone: string };

const carrierFields = ['name', 'country', 'modes', 'active', 'contactName', 'contactEmail', 'contactPhone'];

const values = (c: CarrierRecord | null): Values => ({
  name: c?.name ?? '', country: c?.country ?? 'RU', modes: (c?.modes ?? []).join(','), active: c && !c.active ? 'false' : 'true',
  contactName: c?.contactName ?? '', contactEmail: c?.contactEmail ?? '', contactPhone: c?.contactPhone ?? '',
});

function check(v: Values, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.name.trim()) e.name = t('required');
  if (!v.modes) e.modes = t('carrier.modesNeeded');
  if (v.contactEmail.trim() && !isEmail(v.contactEmail.trim())) e.contactEmail = t('contact.emailInvalid');
  return e;
}

function toInput(v: Values) {
  return {
    name: v.name.trim(), country: v.country, modes: v.modes.split(',').filter(Boolean) as TransportMode[], active: v.active === 'true',
    contactName: v.contactName.trim(), contactEmail: v.contactEmail.trim(), contactPhone: v.contactPhone.trim(),
  };
}

export function CarrierForm({ carrier, onDone, reload }: { carrier: CarrierRecord | null; onDone(id?: string): void; reload(): void }) {
  const { t, locale } = useI18n();
  const [created, create] = useMutation(CreateCarrier);
  const [updated, update] = useMutation(UpdateCarrier);
  const edit = useEdit(carrier && values(carrier), carrier?.version, carrier?.id ?? 'new', updated.error, reload);
  const countries = useMemo(() => countryCodes.map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale)), [locale]);
  const initial = carrier ? edit.initial : values(null);
  if (!initial) return null;
  return (
    <InlineForm<Values> key={edit.formKey} title={carrier ? t('carrier.editTitle', { name: carrier.name }) : t('carrier.new')}
      fields={carrierFields} initial={initial} check={(x) => check(x, t)} state={carrier ? updated : created}
      error={carrier ? edit.error : created.error} conflict={edit.conflict} busy={edit.reloading} onCancel={() => onDone()}
      onSubmit={async (v) => {
        if (carrier && edit.start) {
          const input = changedInput(toInput(v), toInput(edit.start.values));
          edit.saving(v, changedFields<Values>(input));
          const r = await update({ id: carrier.id, input, expectedVersion: edit.start.version });
          if (!r.error) onDone(carrier.id);
        } else {
          const r = await create({ input: toInput(v) });
          if (r.data) onDone(r.data.createCarrier.id);
        }
      }}>
      {({ v, set, errors }) => {
        const chosen = v.modes.split(',').filter(Boolean);
        const toggle = (m: string) => set('modes')({ target: { value: (chosen.includes(m) ? chosen.filter((x) => x !== m) : [...chosen, m]).join(',') } });
        return (
          <>
            <Field label={t('carrier.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} />}</Field>
            <fieldset className={`field${errors.modes ? ' invalid' : ''}`}>
              <legend>{t('carrier.modes')}</legend>
              {modes.map((m) => (
                <label key={m} className="check"><input type="checkbox" checked={chosen.includes(m)} onChange={() => toggle(m)} /> {t(`mode.${m}`)}</label>
              ))}
              {errors.modes && <p className="error">{errors.modes}</p>}
            </fieldset>
            <Field label={t('carrier.country')} error={errors.country}>
              {(p) => <select {...p} value={v.country} onChange={set('country')}>{countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}</select>}
            </Field>
            <Field label={t('carrier.activeLabel')} error={errors.active}>
              {(p) => (
                <select {...p} value={v.active} onChange={set('active')}>
                  <option value="true">{t('carrier.activeYes')}</option>
                  <option value="false">{t('carrier.activeNo')}</option>
                </select>
              )}
            </Field>
            <Field label={t('field.contactName')} error={errors.contactName}>{(p) => <input {...p} value={v.contactName} onChange={set('contactName')} maxLength={200} />}</Field>
            <Field label={t('field.contactEmail')} error={errors.contactEmail}>{(p) => <input {...p} type="email" value={v.contactEmail} onChange={set('contactEmail')} maxLength={254} />}</Field>
            <Field label={t('field.contactPhone')} error={errors.contactPhone}>{(p) => <input {...p} type="tel" value={v.contactPhone} onChange={set('contactPhone')} maxLength={40} />}</Field>
          </>
        );
      }}
    </InlineForm>
  );
}
