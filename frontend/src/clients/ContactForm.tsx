import type { FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { Field, isEmail, useCheckedForm, type Errors } from '../forms/fields';
import { ConflictNote, useEdit } from '../forms/edit';
import { useI18n } from '../i18n/i18n';
import { Problems } from '../layout/states';

export interface ContactRow { id: string; version: number; name: string; position: string; email: string; phone: string }

const CreateContact = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) { id client { id } }
  }
`);

const UpdateContact = graphql(`
  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {
    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { id version name position email phone }
  }
`);

type Values = Omit<ContactRow, 'id' | 'version'>;

/** The input fields the form shows, by their API names. */
const contactFields = ['name', 'position', 'email', 'phone'];

export function checkContact(v: Values, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.name.trim()) e.name = t('required');
  if (v.email.trim() && !isEmail(v.email.trim())) e.email = t('contact.emailInvalid');
  return e;
}

const contactValues = (c: ContactRow | null): Values => ({
  name: c?.name ?? '', position: c?.position ?? '', email: c?.email ?? '', phone: c?.phone ?? '',
});

const trimmed = (v: Values): Values => ({ name: v.name.trim(), position: v.position.trim(), email: v.email.trim(), phone: v.phone.trim() });

/** Only what an edit changed. */
export function changedContact(v: Values, start: Values): Partial<Values> {
  const now = trimmed(v), before = trimmed(start);
  return Object.fromEntries((Object.keys(now) as (keyof Values)[]).filter((k) => now[k] !== before[k]).map((k) => [k, now[k]]));
}

/** A new contact (contact null) or an edit of one, as the client page holds it now. */
export function ContactForm({ clientID, contact, onDone, reload }: {
  clientID: string; contact: ContactRow | null; onDone(): void; reload(): void;
}) {
  const { t } = useI18n();
  const [created, create] = useMutation(CreateContact);
  const [updated, update] = useMutation(UpdateContact);
  const state = contact ? updated : created;
  const edit = useEdit(contact && contactValues(contact), contact?.version, contact?.id ?? 'new', updated.error, reload);
  const initial = contact ? edit.initial : contactValues(null);
  if (!initial) return null;
  const title = contact ? t('contact.edit', { name: contact.name }) : t('contact.new');
  return (
    <ContactFields key={edit.formKey} title={title} initial={initial} state={state} conflict={edit.conflict} onCancel={onDone}
      onSubmit={async (v) => {
        let r;
        if (contact && edit.start) {
          edit.saving(v);
          r = await update({ id: contact.id, input: changedContact(v, edit.start.values), expectedVersion: edit.start.version });
        } else {
          r = await create({ input: { ...trimmed(v), clientID } });
        }
        if (!r.error) onDone();
      }} />
  );
}

function ContactFields({ title, initial, state, conflict, onSubmit, onCancel }: {
  title: string; initial: Values; state: { fetching: boolean; error?: CombinedError }; conflict: boolean;
  onSubmit(v: Values): void; onCancel(): void;
}) {
  const { t } = useI18n();
  // after a CONFLICT the note says what happened; the refusal itself is old news
  const error = conflict ? undefined : state.error;
  const { values: v, set, errors, form, valid } = useCheckedForm<Values>(contactFields, initial, (x) => checkContact(x, t), error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid()) onSubmit(v);
  }
  return (
    <form ref={form} className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      {conflict && <ConflictNote />}
      <Problems error={error} fields={contactFields} />
      <div className="grid">
        <Field label={t('contact.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} autoComplete="off" />}</Field>
        <Field label={t('contact.position')} error={errors.position}>{(p) => <input {...p} value={v.position} onChange={set('position')} maxLength={200} />}</Field>
        <Field label={t('contact.email')} error={errors.email}>{(p) => <input {...p} type="email" value={v.email} onChange={set('email')} maxLength={254} autoComplete="off" />}</Field>
        <Field label={t('contact.phone')} error={errors.phone}>{(p) => <input {...p} type="tel" value={v.phone} onChange={set('phone')} maxLength={50} />}</Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={state.fetching}>{state.fetching ? t('saving') : t('save')}</button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
