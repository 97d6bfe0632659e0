// The viewer's language and time zone: chosen from the browser at first,
// switchable, and remembered in this browser.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, ru, type MessageKey } from './messages';
import {
  formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatPercent, localeTags, type Locale,
} from './format';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ru };
const localeKey = 'freightgraph.locale';
const zoneKey = 'freightgraph.timeZone';

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  timeZone: string;
  setLocale(l: Locale): void;
  setTimeZone(z: string): void;
  t(key: MessageKey, vars?: Vars): string;
  /** The form of a message with plural forms ("a|b|c") for the count n. */
  plural(key: MessageKey, n: number): string;
  money(amount: string, currency: string): string;
  /** Money rounded to the unit, for tight places. */
  wholeMoney(amount: string, currency: string): string;
  /** A number; fractionDigits caps its decimals. */
  number(n: number, fractionDigits?: number): string;
  /** A percentage, given from 0 to 100, shown whole. */
  percent(p: number): string;
  /** A month as the API writes it (2026-11), by name. */
  month(m: string, short?: boolean): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage may be off; the choice then lasts the visit
  }
}

function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* as above */
  }
}

/** Russian unless the browser prefers English (or another language) first. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const l of languages) {
    if (l.toLowerCase().startsWith('ru')) return 'ru';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'ru'; // the company works in Russian
}

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

// the order of the forms in a message, by the language's plural categories
const pluralOrder: Record<Locale, Intl.LDMLPluralRule[]> = { en: ['one', 'other'], ru: ['one', 'few', 'many'] };

const rules = new Map<Locale, Intl.PluralRules>();
const pluralRules = (locale: Locale) => {
  if (!rules.has(locale)) rules.set(locale, new Intl.PluralRules(localeTags[locale]));
  return rules.get(locale)!;
};

export function pluralForm(text: string, n: number, locale: Locale): string {
  const forms = text.split('|');
  const i = pluralOrder[locale].indexOf(pluralRules(locale).select(n));
  // Russian "other" is for fractions, which take the "few" form (1,5 рейса)
  return forms[i >= 0 ? i : Math.min(1, forms.length - 1)] ?? forms[forms.length - 1];
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLocale, initialTimeZone }: {
  children: ReactNode; initialLocale?: Locale; initialTimeZone?: string;
}) {
  const [locale, setLocaleState] = useState<Locale>(
    () => initialLocale ?? ((stored(localeKey) as Locale | null) ?? browserLocale()),
  );
  const [timeZone, setZoneState] = useState<string>(
    () => initialTimeZone ?? stored(zoneKey) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    store(localeKey, l);
    setLocaleState(l);
  }, []);
  const setTimeZone = useCallback((z: string) => {
    store(zoneKey, z);
    setZoneState(z);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    return {
      locale, timeZone, setLocale, setTimeZone,
      t: (key, vars) => interpolate(dict[key] ?? key, vars),
      plural: (key, n) => pluralForm(dict[key] ?? key, n, locale),
      money: (amount, currency) => formatMoney(amount, currency, locale),
      wholeMoney: (amount, currency) => formatMoney(amount, currency, locale, true),
      number: (n, fractionDigits) => formatNumber(n, locale, fractionDigits),
      percent: (p) => formatPercent(p, locale),
      month: (m, short) => formatMonth(m, locale, short),
      date: (iso) => formatDate(iso, locale, timeZone),
      dateTime: (iso) => formatDateTime(iso, locale, timeZone),
    };
  }, [locale, timeZone, setLocale, setTimeZone]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
