import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TenderStage } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';

/**
 * Asks before a tender is decided, which nothing undoes: why it was lost
 * (the server needs a reason for LOST), or a plain yes for WON and WITHDRAWN.
 */
export function DecisionDialog({ reference, to, onConfirm, onCancel }: {
  reference: string; to: TenderStage; onConfirm(lostReason?: string): void; onCancel(): void;
}) {
  const { t } = useI18n();
  const lost = to === 'LOST';
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => (lost ? input.current : confirm.current)?.focus(), [lost]);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!lost) return onConfirm();
    if (!reason.trim()) {
      setError(true);
      input.current?.focus();
      return;
    }
    onConfirm(reason.trim());
  }
  const stage = t(`stage.${to}`);
  return (
    <div className="backdrop" onKeyDown={(e) => {
      if (e.key === 'Escape') onCancel();
      if (e.key === 'Tab') keepFocusIn(e, form.current);
    }}>
      <form ref={form} className="dialog" role="dialog" aria-modal="true" aria-labelledby="decision-title"
        aria-describedby="decision-lead" onSubmit={submit} noValidate>
        <h2 id="decision-title">{lost ? t('lost.title', { reference }) : t('decide.title', { reference, stage })}</h2>
        <p id="decision-lead">{t('decide.final')}</p>
        {lost && (
          <>
            <label htmlFor="lost-reason">{t('lost.reason')}</label>
            {/* the server keeps at most 1000 characters */}
            <textarea id="lost-reason" ref={input} value={reason} maxLength={1000} rows={3}
              onChange={(e) => { setReason(e.target.value); setError(false); }}
              aria-invalid={error} aria-describedby={error ? 'lost-error' : undefined} />
            {error && <p id="lost-error" className="error">{t('lost.required')}</p>}
          </>
        )}
        <div className="actions">
          <button ref={confirm} type="submit" className="primary">{t('decide.confirm', { stage })}</button>
          <button type="button" onClick={onCancel}>{t('cancel')}</button>
        </div>
      </form>
    </div>
  );
}

/** Tab and Shift+Tab go round the dialog's controls, never behind it. */
function keepFocusIn(e: KeyboardEvent, box: HTMLElement | null) {
  const controls = Array.from(box?.querySelectorAll<HTMLElement>('textarea, button, input, select') ?? []);
  if (controls.length === 0) return;
  const first = controls[0], last = controls[controls.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
