import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import reasons from '../i18n/reasons.json';
import { en, ru, type MessageKey } from '../i18n/messages';
import { interpolate } from '../i18n/i18n';
import { formatDateTime, type Locale } from '../i18n/format';
import { describe as describeProblem, problems, say, type Speaker } from './errors';

const speaker = (locale: Locale, timeZone = 'Europe/Moscow'): Speaker => {
  const dict: Record<MessageKey, string> = locale === 'ru' ? ru : en;
  return { t: (k, v) => interpolate(dict[k] ?? k, v), dateTime: (iso) => formatDateTime(iso, locale, timeZone) };
};

const refusal = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('the server’s refusals', () => {
  it('has a message in both languages for every reason the server gives (ent/rule/reason.go)', () => {
    expect(reasons.length).toBeGreaterThan(20);
    for (const r of reasons) {
      const key = `reason.${r}` as MessageKey;
      expect(en[key], `en ${key}`).toBeTruthy();
      expect(ru[key], `ru ${key}`).toBeTruthy();
    }
  });

  it('keeps no message for a reason the server no longer gives', () => {
    const stale = Object.keys(en).filter((k) => k.startsWith('reason.') && !reasons.includes(k.slice('reason.'.length)));
    expect(stale).toEqual([]);
  });

  it('says an event in the future in Russian, in the viewer’s time, with no English and no UTC stamp', () => {
    const error = refusal('at: 2027-03-01T07:00:00Z lies in the future: record an event once it has happened', {
      code: 'BAD_USER_INPUT', field: 'at', reason: 'EVENT_IN_FUTURE', params: { at: '2027-03-01T07:00:00Z' },
    });
    const [p] = problems(error);
    const text = describeProblem(p, speaker('ru'));
    expect(text).toContain('01.03.2027');
    expect(text).toContain('10:00'); // Moscow, UTC+3
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(say(p, speaker('en', 'UTC'))).toMatch(/^01\/03\/2027, 07:00 has not come yet/);
  });

  it('names stages, statuses and modes in the viewer’s language and shows no version', () => {
    const moved = problems(refusal('stage: tender T-1 is WON: nothing leaves WON, LOST or WITHDRAWN', {
      code: 'BAD_USER_INPUT', field: 'stage', reason: 'TENDER_DECIDED', params: { reference: 'T-1', stage: 'WON' },
    }))[0];
    expect(say(moved, speaker('ru'))).toBe('Тендер T-1 — «Выигран»: решённый тендер больше не двигается.');
    const mode = problems(refusal('carrier x does not serve AIR', {
      code: 'BAD_USER_INPUT', reason: 'CARRIER_MODE', params: { carrier: 'Волга Карго', mode: 'AIR', modes: ['ROAD', 'RAIL'] },
    }))[0];
    expect(say(mode, speaker('ru'))).toBe('Волга Карго не возит видом «Авиа» (возит: Авто, Ж/д).');
    const stale = problems(refusal('tender T-1 was changed by someone else (now version 4, you had 3): reload it and try again', {
      code: 'CONFLICT', reason: 'CHANGED_MEANWHILE', params: { record: 'tender', name: 'T-1', current: 4, expected: 3 },
    }))[0];
    expect(describeProblem(stale, speaker('ru'))).not.toMatch(/\d/);
  });

  it('falls back on the server’s words for a reason it does not know', () => {
    const p = problems(refusal('name: something new', { code: 'BAD_USER_INPUT', field: 'name', reason: 'SOMETHING_NEW' }))[0];
    expect(say(p, speaker('ru'))).toBe('something new');
  });
});
