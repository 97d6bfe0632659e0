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

const isConflict = (error: CombinedError | undefined) => problems(error).some((p) => p.code === 'CONFLICT');

/**
 * An edit form's starting point. The form shows the record as it was when
 * the edit began, and a save carries that version, so a save made after
 * someone else's is refused (CONFLICT) instead of overwriting it unseen.
 * After a CONFLICT the record is fetched again; the form then shows it anew
 * with this person's own changes (the fields the save would have sent) kept
 * over it, except those the new version locks, and the next save carries
 * the new version. A new key (another record, another time zone) starts
 * afresh.
 */
export function useEdit<V extends object>(current: V | null, version: number | undefined, key: string,
  error: CombinedError | undefined, reload: () => void, locked: readonly (keyof V)[] = []) {
  const [start, setStart] = useState<Start<V> | null>(null);
  const [shown, setShown] = useState<{ values: V; round: number } | null>(null);
  const [conflict, setConflict] = useState(false);
  // between a CONFLICT and the record fetched again: the form waits
  const [reloading, setReloading] = useState(false);
  const mine = useRef<{ values: V; changed: (keyof V)[] } | null>(null);

  if (current && version !== undefined && start?.key !== key) {
    setStart({ key, values: current, version });
    setShown({ values: current, round: (shown?.round ?? 0) + 1 });
    setConflict(false);
    setReloading(false);
    mine.current = null;
  }

  useEffect(() => {
    if (isConflict(error)) {
      setReloading(true);
      reload();
    }
    // once per refusal
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);

  useEffect(() => {
    if (!reloading || !current || version === undefined || !start || version === start.version) return;
    const merged = { ...current };
    for (const k of mine.current?.changed ?? []) {
      if (!locked.includes(k)) merged[k] = mine.current!.values[k];
    }
    setStart({ key: start.key, values: current, version });
    setShown({ values: merged, round: (shown?.round ?? 0) + 1 });
    setConflict(true);
    setReloading(false);
  }, [reloading, current, version, start, shown, locked]);

  return {
    /** What changes are measured against, and the version a save carries. */
    start,
    /** The form's values to show, and a key that changes when they do. */
    initial: shown?.values ?? null,
    formKey: `${key} ${shown?.round ?? 0}`,
    conflict,
    reloading,
    /** The save's refusal to show: a CONFLICT is told by ConflictNote instead. */
    error: isConflict(error) ? undefined : error,
    /** Call before a save with the values and the fields it sends. */
    saving(values: V, changed: (keyof V)[]) {
      mine.current = { values, changed };
      setConflict(false);
    },
  };
}

/** What a form says after a CONFLICT: the record is shown anew. */
export function ConflictNote() {
  const { t } = useI18n();
  return <p className="notice" role="status">{t('form.conflict')}</p>;
}

/**
 * What an edit sends: the entries of the input now that differ from the
 * input the edit started from (lists and other values compared whole).
 */
export function changedInput<T extends object>(now: T, before: T): Partial<T> {
  return Object.fromEntries(Object.entries(now)
    .filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k as keyof T]))) as Partial<T>;
}

/**
 * The form's fields a save's input sets: clearX clears x, and names the
 * input gives otherwise are mapped by alias (input name → form name).
 */
export function changedFields<V>(input: object, alias: Record<string, keyof V> = {}): (keyof V)[] {
  return Object.keys(input).map((k) => {
    const name = k.startsWith('clear') ? k[5].toLowerCase() + k.slice(6) : k;
    return (alias[name] ?? name) as keyof V;
  });
}
