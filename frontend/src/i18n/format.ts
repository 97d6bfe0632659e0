// Numbers, money and dates in the viewer's locale and time zone. Amounts
// travel as decimal strings ("1234567.89") and are formatted without ever
// passing through a float when they are large: Intl formats a string
// exactly.

export type Locale = 'ru' | 'en';

/** The BCP 47 tag each language formats with. */
export const localeTags: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

// Intl formatters are costly to make and cheap to use: one per locale and options
const cache = new Map<string, unknown>();

function memo<F>(kind: string, tag: string, opts: object, make: () => F): F {
  const key = kind + tag + JSON.stringify(opts);
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as F;
}

const numberFormat = (tag: string, opts: Intl.NumberFormatOptions) => memo('n', tag, opts, () => new Intl.NumberFormat(tag, opts));
const dateFormat = (tag: string, opts: Intl.DateTimeFormatOptions) => memo('d', tag, opts, () => new Intl.DateTimeFormat(tag, opts));

/**
 * 1 234 567,89 ₽ in ru-RU; the amount is a decimal string. Whole shows it
 * rounded to the unit (1 234 568 ₽), where space is short: on the board.
 */
export function formatMoney(amount: string, currency: string, locale: Locale, whole = false): string {
  const opts: Intl.NumberFormatOptions = whole
    ? { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }
    : { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 };
  // format(string) keeps every digit (ES2023 Intl.NumberFormat v3)
  return numberFormat(localeTags[locale], opts).format(amount as unknown as number);
}

/** A number in the locale; fractionDigits caps the decimals shown (Intl's default: 3). */
export function formatNumber(n: number, locale: Locale, fractionDigits?: number): string {
  return numberFormat(localeTags[locale], fractionDigits == null ? {} : { maximumFractionDigits: fractionDigits }).format(n);
}

/** Money in a few characters, for a chart's axis: 2,5 млрд ₽ in ru-RU. */
export function formatCompactMoney(amount: number, currency: string, locale: Locale): string {
  return numberFormat(localeTags[locale], { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/**
 * A calendar month as the API writes it ("2026-11"): "ноябрь 2026 г." in
 * ru-RU, or short ("нояб. 2026 г.") where space is tight. The API's months
 * are UTC months, so they are formatted in UTC, never shifted by a zone.
 */
export function formatMonth(month: string, locale: Locale, short = false): string {
  const [y, m] = month.split('-').map(Number);
  // setUTCFullYear, not Date.UTC: that reads the years 0 to 99 as 1900 to 1999
  const d = new Date(0);
  d.setUTCFullYear(y, m - 1, 1);
  return dateFormat(localeTags[locale], { timeZone: 'UTC', year: 'numeric', month: short ? 'short' : 'long' }).format(d);
}

export function formatPercent(percent: number, locale: Locale): string {
  return numberFormat(localeTags[locale], { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** 27.11.2026 in ru-RU, in the viewer's time zone. */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return dateFormat(localeTags[locale], { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** 27.11.2026, 14:05 in ru-RU, in the viewer's time zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return dateFormat(localeTags[locale], {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

/** The wall-clock parts of an instant in a time zone. */
function wallClock(ms: number, timeZone: string) {
  const parts = dateFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time ("2026-11-27T18:00", as a datetime-local
 * input gives it) names in a time zone, as an RFC 3339 UTC string. A time
 * the clocks skip (spring forward) counts by the offset before the change,
 * so it lands that much later (Berlin 02:30 is 03:30 summer time); a time
 * they show twice (fall back) is its first occurrence. Temporal calls this
 * "compatible".
 */
export function zonedToUTC(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) throw new Error(`not a local date and time: ${local}`);
  const asUTC = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // the zone's offsets around that wall time: no zone is 14 hours off UTC
  const before = offsetAt(asUTC - 14 * 3_600_000, timeZone);
  const after = offsetAt(asUTC + 14 * 3_600_000, timeZone);
  const fits = [before, after].map((o) => asUTC - o).filter((t) => offsetAt(t, timeZone) === asUTC - t);
  const instant = fits.length > 0 ? Math.min(...fits) : asUTC - before;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** The wall-clock time of an instant in a zone, as a datetime-local input shows it. */
export function utcToZoned(iso: string, timeZone: string): string {
  const w = wallClock(new Date(iso).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.y}-${p(w.mo)}-${p(w.d)}T${p(w.h)}:${p(w.mi)}`;
}

/** The end of the day `days` days from now in a zone (days = 0: today), as UTC. */
export function endOfDayIn(days: number, timeZone: string, now = Date.now()): string {
  const w = wallClock(now, timeZone);
  const day = new Date(Date.UTC(w.y, w.mo - 1, w.d + days));
  const p = (n: number) => String(n).padStart(2, '0');
  const local = `${day.getUTCFullYear()}-${p(day.getUTCMonth() + 1)}-${p(day.getUTCDate())}T23:59`;
  return zonedToUTC(local, timeZone).replace(':00Z', ':59Z');
}

/**
 * Reads an amount as people type it: "1 234 567,89", "1,234,567.89",
 * "1234567.89". Returns the API's decimal string, or null when it is not a
 * non-negative amount with at most two decimals.
 */
export function parseAmount(input: string): string | null {
  const s = input.replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = s.lastIndexOf(','), lastDot = s.lastIndexOf('.');
  let whole = s, fraction = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // the later mark is the decimal one; the other only groups thousands
    const at = Math.max(lastComma, lastDot);
    const group = lastComma > lastDot ? '.' : ',';
    [whole, fraction] = [s.slice(0, at), s.slice(at + 1)];
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null;
    whole = whole.split(group).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = s.split(mark);
    // "1,234,567" groups thousands; "1234,5" and "98 500,50" have decimals
    if (parts.length > 2) {
      if (!new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(s)) return null;
      whole = parts.join('');
    } else {
      [whole, fraction] = parts;
    }
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction) || (fraction === '' && /[.,]$/.test(s))) return null;
  const n = whole.replace(/^0+(?=\d)/, '');
  const amount = fraction ? `${n}.${fraction}` : n;
  return minorUnits(amount) > maxMinorUnits ? null : amount;
}

/** The largest amount the server accepts (ent/money.Max): 10 000 000 000 000,00. */
export const maxMinorUnits = 10n ** 15n;

/** An amount ("1234.5") in minor units (123450n): amounts compare exactly so. */
export function minorUnits(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
}

/** A whole number as people type it ("1 000"), or null. */
export function parseCount(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

/** An amount as an input shows it for editing: "1234567,89" in ru. */
export function amountForInput(amount: string, locale: Locale): string {
  return locale === 'ru' ? amount.replace('.', ',') : amount;
}

/** A country's name from its ISO 3166 code, in the viewer's language. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([localeTags[locale]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The countries a forwarder in Russia works with first (ISO 3166 codes). */
export const countryCodes = [
  'RU', 'BY', 'KZ', 'UZ', 'KG', 'AM', 'AZ', 'GE', 'TJ', 'TM', 'MN', 'CN', 'IN', 'TR', 'AE', 'IR', 'SA', 'EG',
  'DE', 'FI', 'PL', 'LT', 'LV', 'EE', 'IT', 'FR', 'NL', 'BE', 'AT', 'CZ', 'RS', 'HU', 'GB', 'ES', 'US', 'KR', 'JP', 'VN', 'TH',
];
