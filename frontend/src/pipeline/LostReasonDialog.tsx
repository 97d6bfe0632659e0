import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';

/** Asks why a tender was lost: the server needs a reason for LOST. */
export function LostReasonDialog({ reference, onConfirm, onCancel }: {
  reference: string; onConfirm(reason: string): void; onCancel(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(true);
      input.current?.focus();
      return;
    }
    onConfirm(reason.trim());
  }
  return (
    <div className="backdrop" onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="lost-title" onSubmit={submit} noValidate>
        <h2 id="lost-title">{t('lost.title', { reference })}</h2>
        <label htmlFor="lost-reason">{t('lost.reason')}</label>
        <textarea id="lost-reason" ref={input} value={reason} maxLength={2000} rows={3}
          onChange={(e) => { setReason(e.target.value); setError(false); }}
          aria-invalid={error} aria-describedby={error ? 'lost-error' : undefined} />
        {error && <p id="lost-error" className="error">{t('lost.required')}</p>}
        <div className="actions">
          <button type="submit" className="primary">{t('lost.confirm')}</button>
          <button type="button" onClick={onCancel}>{t('cancel')}</button>
        </div>
      </form>
    </div>
  );
}
