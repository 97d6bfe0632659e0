// Form fields with their label, hint and error tied together for screen
// readers, and the form-level helpers every form shares: client-side checks
// first, then the server's refusals put on the field they name.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { problems, say, type Speaker } from '../api/errors';
import { useI18n } from '../i18n/i18n';

export type Errors = Record<string, string>;

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && <p className="error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/**
 * The server's refusals that name an input field, by the form's field name.
 * The server names fields as the API does ("estimatedValue", "clientID").
 */
export function serverFieldErrors(error: CombinedError | undefined, s: Speaker): Errors {
  const out: Errors = {};
  for (const p of problems(error)) {
    if (p.field && !out[p.field]) out[p.field] = say(p, s);
  }
  return out;
}

/** Moves focus to the first invalid field, so a keyboard user lands on it. */
function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

/**
 * A form's values and its errors on its fields (their API names): the
 * client's own checks, run on submit, over the server's refusals of the last
 * attempt. A field's marks go as soon as it is edited.
 */
export function useCheckedForm<V extends object>(fields: readonly string[], initial: V | (() => V), check: (v: V) => Errors, serverError?: CombinedError) {
  const [values, setValues] = useState<V>(initial);
  const [checked, setChecked] = useState<Errors>({});
  // fields edited since the server's answer: its marks on them are gone
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const form = useRef<HTMLFormElement>(null);
  // a new answer of the server marks afresh
  useEffect(() => setEdited(new Set()), [serverError]);
  // the server's marks on the form's own fields (Problems shows the others)
  const i18n = useI18n();
  const server = Object.fromEntries(Object.entries(serverFieldErrors(serverError, i18n)).filter(([f]) => fields.includes(f) && !edited.has(f)));
  const errors: Errors = { ...server, ...checked };
  /** An onChange for the value k; field is the API's name of it, when another. */
  const set = (k: keyof V & string, field: string = k) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setChecked(({ [field]: _gone, ...rest }) => rest);
    setEdited((s) => (s.has(field) ? s : new Set(s).add(field)));
  };
  /** Runs the checks: true when the values may be sent, else it marks them and moves to the first. */
  const valid = (): boolean => {
    const found = check(values);
    setChecked(found);
    if (Object.keys(found).length === 0) return true;
    focusFirstInvalid(form.current);
    return false;
  };
  return { values, set, errors, form, valid };
}
