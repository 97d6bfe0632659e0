import { describe, expect, it } from 'vitest';
import { endOfDayIn, formatCompactMoney, formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, parseAmount, utcToZoned, zonedToUTC } from './format';
import { browserLocale } from './i18n';
import { toWhere, readFilters, writeFilters } from '../pipeline/filters';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
  it('writes money, dates and times as ru-RU and en do', () => {
    expect(plain(formatMoney('1234567.89', 'RUB', 'ru'))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney('1234567.89', 'RUB', 'ru', true))).toBe('1 234 568 ₽');
    expect(formatMoney('1234567.89', 'EUR', 'en')).toBe('€1,234,567.89');
    // a string keeps every digit that a float would lose
    expect(plain(formatMoney('90071992547409.93', 'RUB', 'ru'))).toBe('90 071 992 547 409,93 ₽');
    expect(formatDate('2026-11-27T10:00:00Z', 'ru', 'Europe/Moscow')).toBe('27.11.2026');
    // late evening in UTC is already the next day in Vladivostok
    expect(formatDate('2026-11-27T20:00:00Z', 'ru', 'Asia/Vladivostok')).toBe('28.11.2026');
    expect(plain(formatDateTime('2026-11-27T10:05:00Z', 'ru', 'Europe/Moscow'))).toBe('27.11.2026, 13:05');
  });

  it('writes the API’s UTC months by name, never shifted by a zone, and money compactly for a chart', () => {
    expect(formatMonth('2026-11', 'ru')).toBe('ноябрь 2026 г.');
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
    expect(formatMonth('2026-01', 'ru', true)).toBe('янв. 2026 г.');
    expect(plain(formatCompactMoney(2477806787, 'RUB', 'ru'))).toBe('2,5 млрд ₽');
    expect(formatNumber(8.591397, 'ru', 1)).toBe('8,6');
    expect(formatNumber(8.591397, 'en')).toBe('8.591');
  });

  it('reads amounts as people type them', () => {
    expect(parseAmount('1 234 567,89')).toBe('1234567.89');
    expect(parseAmount('1\u00a0234,5')).toBe('1234.5');
    expect(parseAmount('1,234,567.89')).toBe('1234567.89');
    expect(parseAmount('1.234.567,89')).toBe('1234567.89');
    expect(parseAmount('98 500,50')).toBe('98500.50');
    expect(parseAmount('0012')).toBe('12');
    expect(parseAmount('1,234,567')).toBe('1234567');
    // a grouping mark must group thousands
    expect(parseAmount('1.2,5')).toBeNull();
    expect(parseAmount('12,34,5.6')).toBeNull();
    expect(parseAmount('1,23,456')).toBeNull();
    expect(parseAmount('5.')).toBeNull();
    // the server's ceiling, 10^13 units, and not a kopeck more
    expect(parseAmount('10 000 000 000 000')).toBe('10000000000000');
    expect(parseAmount('10000000000000,01')).toBeNull();
    expect(parseAmount('99999999999999999999999')).toBeNull();
    expect(parseAmount('12,345')).toBeNull(); // three decimals, or a thousands mark? neither is safe to guess
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('1e6')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('turns wall-clock time in a zone into UTC and back', () => {
    expect(zonedToUTC('2027-01-15T18:00', 'Europe/Moscow')).toBe('2027-01-15T15:00:00Z');
    expect(zonedToUTC('2026-07-01T09:30', 'Europe/Berlin')).toBe('2026-07-01T07:30:00Z'); // summer time
    expect(zonedToUTC('2026-01-01T09:30', 'Europe/Berlin')).toBe('2026-01-01T08:30:00Z');
    expect(utcToZoned('2027-01-15T15:00:00Z', 'Europe/Moscow')).toBe('2027-01-15T18:00');
    expect(endOfDayIn(0, 'Europe/Moscow', Date.parse('2026-11-27T22:30:00Z'))).toBe('2026-11-28T20:59:59Z');
  });

  it('reads the times a daylight-saving change skips or repeats as Temporal "compatible" does', () => {
    // skipped: counted by the offset before the change, so later
    expect(zonedToUTC('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00Z'); // 03:30 CEST
    expect(zonedToUTC('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00Z'); // 03:30 EDT
    expect(zonedToUTC('2026-09-06T00:30', 'America/Santiago')).toBe('2026-09-06T04:30:00Z'); // 01:30, the same day
    // repeated: the first of the two
    expect(zonedToUTC('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00Z'); // 02:30 CEST
    expect(zonedToUTC('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00Z'); // 01:30 EDT
    // around the changes, every other time is exact
    expect(zonedToUTC('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00Z');
    expect(zonedToUTC('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00Z');
  });

  it('prefers Russian unless the browser asks for English first', () => {
    expect(browserLocale(['ru-RU', 'en'])).toBe('ru');
    expect(browserLocale(['en-US', 'ru'])).toBe('en');
    expect(browserLocale(['de-DE'])).toBe('ru');
  });
});

describe('board filters', () => {
  it('round-trip through the URL and become the server filter', () => {
    const f = readFilters(new URLSearchParams('mine=1&client=42&due=14&q=Казань'));
    expect(f).toEqual({ mine: true, client: '42', due: 14, q: 'Казань' });
    expect(writeFilters(f).toString()).toBe('mine=1&client=42&due=14&q=%D0%9A%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C');
    expect(toWhere(f, '7', 'Europe/Moscow', Date.parse('2026-11-27T09:00:00Z'))).toEqual({
      and: [
        { ownerID: '7' }, { clientID: '42' }, { submissionDeadlineLTE: '2026-12-11T20:59:59Z', stageIn: ['IDENTIFIED', 'QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION'] },
        { or: [{ matches: 'Казань' }, { hasClientWith: [{ matches: 'Казань' }] }] },
      ],
    });
    expect(toWhere(readFilters(new URLSearchParams('due=-3&x=1&client=abc')), '7', 'UTC')).toEqual({});
  });
});

describe('plural forms', () => {
  it('follow each language', async () => {
    const { pluralForm } = await import('./i18n');
    expect([1, 2, 5, 21, 24, 11].map((n) => pluralForm('рейс|рейса|рейсов', n, 'ru'))).toEqual(['рейс', 'рейса', 'рейсов', 'рейс', 'рейса', 'рейсов']);
    expect(pluralForm('рейс|рейса|рейсов', 1.5, 'ru')).toBe('рейса');
    expect([1, 2].map((n) => pluralForm('load|loads', n, 'en'))).toEqual(['load', 'loads']);
  });
});
