import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ContactRowFragment } from '../gql/graphql';
import { Field, isEmail, type Errors } from '../forms/fields';
import { InlineForm } from '../forms/InlineForm';
import { changedFields, changedInput, useEdit } from '../forms/edit';
import { useI18n } from '../i18n/i18n';

graphql(`
  fragment ContactRow on Contact { id version name position email phone }
`);

/** A contact as the client page holds it: the ContactRow fragment, as generated. */
export type ContactRow = ContactRowFragment;

const CreateContact = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) { id client { id } }
  }
`);

const UpdateContact = graphql(`
  mutation UpdateContact($id: ID!, $input: UpdateContactInput!, $expectedVersion: Int) {
    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ContactRow }
  }
`);

type Values = { name: string; position: string; email: string; phone: string };

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
  return changedInput(trimmed(v), trimmed(start));
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
    <InlineForm<Values> key={edit.formKey} title={title} fields={contactFields} initial={initial} check={(x) => checkContact(x, t)}
      state={state} error={contact ? edit.error : created.error} conflict={edit.conflict} busy={edit.reloading} onCancel={onDone}
      onSubmit={async (v) => {
        let r;
        if (contact && edit.start) {
          const input = changedContact(v, edit.start.values);
          edit.saving(v, changedFields<Values>(input));
          r = await update({ id: contact.id, input, expectedVersion: edit.start.version });
        } else {
          r = await create({ input: { ...trimmed(v), clientID } });
        }
        if (!r.error) onDone();
      }}>
      {({ v, set, errors }) => (
        <>
          <Field label={t('contact.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} autoComplete="off" />}</Field>
          <Field label={t('contact.position')} error={errors.position}>{(p) => <input {...p} value={v.position} onChange={set('position')} maxLength={200} />}</Field>
          <Field label={t('contact.email')} error={errors.email}>{(p) => <input {...p} type="email" value={v.email} onChange={set('email')} maxLength={254} autoComplete="off" />}</Field>
          <Field label={t('contact.phone')} error={errors.phone}>{(p) => <input {...p} type="tel" value={v.phone} onChange={set('phone')} maxLength={50} />}</Field>
        </>
      )}
    </InlineForm>
  );
}

