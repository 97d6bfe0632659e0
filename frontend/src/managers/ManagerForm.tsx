// A new manager, or an edit of one: name, e-mail (their sign-in), role, and
// for a new one a first password. The server checks the password's length
// and refuses a role change while the manager still holds work in the old
// role, saying what they hold.
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ManagerRole } from '../gql/graphql';
import { Field, isEmail, type Errors } from '../forms/fields';
import { InlineForm } from '../forms/InlineForm';
import { changedFields, changedInput, useEdit } from '../forms/edit';
import { useI18n } from '../i18n/i18n';

const CreateManager = graphql(`
  mutation CreateManager($input: CreateManagerInput!, $password: String) {
    createManager(input: $input, password: $password) { id }
  }
`);

const UpdateManager = graphql(`
  mutation UpdateManager($id: ID!, $input: UpdateManagerInput!, $expectedVersion: Int) {
    updateManager(id: $id, input: $input, expectedVersion: $expectedVersion) { id version name email role active }
  }
`);

export const roles: ManagerRole[] = ['ACCOUNT_MANAGER', 'OPERATIONS_MANAGER', 'ANALYST', 'ADMIN'];

export interface ManagerRecord { id: string; version: number; name: string; email: string; role: ManagerRole }

type Values = { name: string; email: string; role: string; password: string };

const fields = ['name', 'email', 'role', 'password'];

const values = (m: ManagerRecord | null): Values => ({ name: m?.name ?? '', email: m?.email ?? '', role: m?.role ?? 'ACCOUNT_MANAGER', password: '' });

function check(v: Values, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!v.name.trim()) e.name = t('required');
  if (!isEmail(v.email.trim())) e.email = t('contact.emailInvalid');
  return e;
}

const toInput = (v: Values) => ({ name: v.name.trim(), email: v.email.trim(), role: v.role as ManagerRole });

export function ManagerForm({ manager, onDone, reload }: { manager: ManagerRecord | null; onDone(id?: string): void; reload(): void }) {
  const { t } = useI18n();
  const [created, create] = useMutation(CreateManager);
  const [updated, update] = useMutation(UpdateManager);
  const edit = useEdit(manager && values(manager), manager?.version, manager?.id ?? 'new', updated.error, reload);
  const initial = manager ? edit.initial : values(null);
  if (!initial) return null;
  return (
    <InlineForm<Values> key={edit.formKey} title={manager ? t('manager.editTitle', { name: manager.name }) : t('manager.new')}
      fields={fields} initial={initial} check={(x) => check(x, t)} state={manager ? updated : created}
      error={manager ? edit.error : created.error} conflict={edit.conflict} busy={edit.reloading} onCancel={() => onDone()}
      onSubmit={async (v) => {
        const now = toInput(v);
        if (manager && edit.start) {
          const input = changedInput(now, toInput(edit.start.values));
          edit.saving(v, changedFields<Values>(input));
          const r = await update({ id: manager.id, input, expectedVersion: edit.start.version });
          if (!r.error) onDone(manager.id);
        } else {
          const r = await create({ input: now, password: v.password || null });
          if (r.data) onDone(r.data.createManager.id);
        }
      }}>
      {({ v, set, errors }) => (
        <>
          <Field label={t('manager.name')} error={errors.name}>{(p) => <input {...p} value={v.name} onChange={set('name')} maxLength={200} autoComplete="off" />}</Field>
          <Field label={t('manager.email')} error={errors.email}>{(p) => <input {...p} type="email" value={v.email} onChange={set('email')} maxLength={254} autoComplete="off" />}</Field>
          <Field label={t('manager.role')} error={errors.role}>
            {(p) => <select {...p} value={v.role} onChange={set('role')}>{roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>}
          </Field>
          {!manager && (
            <Field label={t('manager.password')} error={errors.password} hint={t('manager.passwordHint')}>
              {(p) => <input {...p} type="password" value={v.password} onChange={set('password')} autoComplete="new-password" />}
            </Field>
          )}
        </>
      )}
    </InlineForm>
  );
}
