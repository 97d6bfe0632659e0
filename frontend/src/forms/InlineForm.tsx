// A form in a panel on a record's page (a tender's lane, a client's
// contact): its title, what went wrong, its fields, Save and Cancel.
import type { FormEvent, ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../i18n/i18n';
import { Problems } from '../layout/states';
import { ConflictNote } from './edit';
import { useCheckedForm, type Errors } from './fields';

type Set<V> = (k: keyof V & string, field?: string) => (e: { target: { value: string } }) => void;

export function InlineForm<V extends object>({ title, fields, initial, check, state, error, conflict, busy, onSubmit, onCancel, children }: {
  title: string;
  /** The input fields it shows, by their API names. */
  fields: readonly string[];
  initial: V;
  check(v: V): Errors;
  state: { fetching: boolean };
  /** The save's refusal to show (useEdit's, for an edit). */
  error?: CombinedError;
  /** A save met another's: the note says so. */
  conflict: boolean;
  /** Saving, or fetching the record again: the fields wait. */
  busy?: boolean;
  onSubmit(v: V): void;
  onCancel(): void;
  children(form: { v: V; set: Set<V>; errors: Errors }): ReactNode;
}) {
  const { t } = useI18n();
  const { values: v, set, errors, form, valid } = useCheckedForm<V>(fields, initial, check, error);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid()) onSubmit(v);
  }
  return (
    <form ref={form} className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      {conflict && <ConflictNote />}
      <Problems error={error} fields={[...fields]} />
      <fieldset className="grid" disabled={busy || state.fetching}>{children({ v, set, errors })}</fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={state.fetching}>{state.fetching ? t('saving') : t('save')}</button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
