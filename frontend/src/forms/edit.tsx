// Editing a record that someone else may save meanwhile.
import { useEffect, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { problems } from '../api/errors';
import { useI18n } from '../i18n/i18n';

interface Start<V> {
  key: string;
  /** The record's values and version the form started from. */
  values: V;
  version: number;
}

/**
 * An edit form's starting point. The form shows the record as it was when
 * the edit began, and a save carries that version, so a save made after
 * someone else's is refused (CONFLICT) instead of overwriting it unseen.
 * After a CONFLICT the record is fetched again; the form then shows it anew
 * with this person's own changes kept over it, and the next save carries
 * the new version and, being a diff against the new values, only those
 * changes. A new key (another record, another time zone) starts afresh.
 */
export function useEdit<V extends object>(current: V | null, version: number | undefined, key: string,
  error: CombinedError | undefined, reload: () => void) {
  const [start, setStart] = useState<Start<V> | null>(null);
  const [shown, setShown] = useState<{ values: V; round: number } | null>(null);
  const [conflict, setConflict] = useState(false);
  const submitted = useRef<V | null>(null);
  const waiting = useRef(false);

  if (current && version !== undefined && start?.key !== key) {
    setStart({ key, values: current, version });
    setShown({ values: current, round: (shown?.round ?? 0) + 1 });
    setConflict(false);
  }

  useEffect(() => {
    if (problems(error).some((p) => p.code === 'CONFLICT')) {
      waiting.current = true;
      reload();
    }
    // once per refusal
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);

  useEffect(() => {
    if (!waiting.current || !current || version === undefined || !start || version === start.version) return;
    waiting.current = false;
    const mine = submitted.current;
    const merged = { ...current };
    if (mine) {
      for (const k of Object.keys(mine) as (keyof V)[]) {
        if (mine[k] !== start.values[k]) merged[k] = mine[k];
      }
    }
    setStart({ key: start.key, values: current, version });
    setShown({ values: merged, round: (shown?.round ?? 0) + 1 });
    setConflict(true);
  }, [current, version, start, shown]);

  return {
    /** What changes are measured against, and the version a save carries. */
    start,
    /** The form's values to show, and a key that changes when they do. */
    initial: shown?.values ?? null,
    formKey: `${key} ${shown?.round ?? 0}`,
    conflict,
    /** Call with the values a save sends, before sending. */
    saving(values: V) {
      submitted.current = values;
      setConflict(false);
    },
  };
}

/** What a form says after a CONFLICT: the record is shown anew. */
export function ConflictNote() {
  const { t } = useI18n();
  return <p className="notice" role="status">{t('form.conflict')}</p>;
}
