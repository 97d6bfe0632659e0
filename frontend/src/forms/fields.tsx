// Form fields with their label, hint and error tied together for screen
// readers, and the form-level helpers every form shares: client-side checks
// first, then the server's refusals put on the field they name.
import { useId, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { problems } from '../api/errors';

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
export function serverFieldErrors(error: CombinedError | undefined): Errors {
  const out: Errors = {};
  for (const p of problems(error)) {
    if (p.field && !out[p.field]) out[p.field] = p.message;
  }
  return out;
}

/** Moves focus to the first invalid field, so a keyboard user lands on it. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}
