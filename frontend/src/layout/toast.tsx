// Toasts: what an action did, said once it is done, with Undo where the
// domain allows the step back, for a few seconds. They are announced
// politely (a screen reader finishes what it says first) and keep the
// focus where it was: the screen moved it to the next sensible place.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface ToastInput {
  text: string;
  /** The step back; the toast offers it while it shows. */
  undo?: () => Promise<void> | void;
  /** A refusal rather than news. */
  problem?: boolean;
}

interface Toast extends ToastInput { id: number }

const ToastContext = createContext<(t: ToastInput) => void>(() => {});

/** Shows a toast; outside a ToastProvider, nothing. */
export const useToast = () => useContext(ToastContext);

/** How long a toast shows, and its Undo with it. */
export const toastMillis = 8000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((x) => x.filter((y) => y.id !== id)), []);
  const show = useCallback((input: ToastInput) => {
    const id = ++seq.current;
    // the newest three: older news is in the record's history
    setToasts((x) => [...x.slice(-2), { ...input, id }]);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="region" aria-label={t('toast.region')}>
        <div aria-live="polite" aria-atomic="false">
          {toasts.map((x) => <ToastView key={x.id} toast={x} onDone={() => dismiss(x.id)} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onDone }: { toast: Toast; onDone: () => void }) {
  const { t } = useI18n();
  const [undoing, setUndoing] = useState(false);
  // it waits while the pointer or the focus is on it: time to read and to
  // reach its Undo (WCAG 2.2.1)
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDone, toastMillis);
    return () => clearTimeout(timer);
  }, [onDone, held]);
  const undo = useMemo(() => toast.undo && (async () => {
    setUndoing(true);
    try { await toast.undo!(); } finally { onDone(); }
  }), [toast, onDone]);
  return (
    <div className={`toast${toast.problem ? ' problem' : ''}`} data-testid="toast"
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      <span>{toast.text}</span>
      {undo && <button type="button" className="link" disabled={undoing} onClick={() => void undo()}>{t('toast.undo')}</button>}
      <button type="button" className="link close" aria-label={t('toast.close')} onClick={onDone}>×</button>
    </div>
  );
}
