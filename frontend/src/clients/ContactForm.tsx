import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { Field, isEmail, useCheckedForm, type Errors } from '../forms/fields';
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

export function ContactForm({ clientID, contact, onDone }: { clientID: string; contact: ContactRow | null; onDone(): void }) {
  const { t } = useI18n();
  const [created, create] = useMutation(CreateContact);
  const [updated, update] = useMutation(UpdateContact);
  const state = contact ? updated : created;
  const { values: v, set, errors, form, valid } = useCheckedForm<Values>(contactFields, {
    name: contact?.name ?? '', position: contact?.position ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '',
  }, (x) => checkContact(x, t), state.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid()) return;
    const input = { name: v.name.trim(), position: v.position.trim(), email: v.email.trim(), phone: v.phone.trim() };
    const r = contact
      ? await update({ id: contact.id, input, expectedVersion: contact.version })
      : await create({ input: { ...input, clientID } });
    if (!r.error) onDone();
  }
  const title = contact ? t('contact.edit', { name: contact.name }) : t('contact.new');
  return (
    <form ref={form} className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <Problems error={state.error} fields={contactFields} />
      <div className="grid">
        <Field label={t('contact.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} autoComplete="off" />}</Field>
        <Field label={t('contact.position')} error={errors.position}>{(p) => <input {...p} value={v.position} onChange={set('position')} maxLength={200} />}</Field>
        <Field label={t('contact.email')} error={errors.email}>{(p) => <input {...p} type="email" value={v.email} onChange={set('email')} maxLength={254} autoComplete="off" />}</Field>
        <Field label={t('contact.phone')} error={errors.phone}>{(p) => <input {...p} type="tel" value={v.phone} onChange={set('phone')} maxLength={50} />}</Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={state.fetching}>{state.fetching ? t('saving') : t('save')}</button>
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
    </form>
  );
}
