import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { Client } from 'urql';
import { canOf, renderApp } from '../test/render';
import DashboardsPage from './DashboardsPage';
import { byOnTimeRate } from './CarrierOnTime';
import { byStage } from './PipelineByStage';
import { addMonths, regularMonths, regularTrend, scorecardWindow } from './months';
import { readScorecard, sectionsFor, yearChoices } from './scorecard';
import type { TenderStage } from '../gql/graphql';

const anna = { id: '1', name: 'Анна Смирнова', role: 'ACCOUNT_MANAGER' as const, can: canOf('ACCOUNT_MANAGER') };
const irina = { id: '12', name: 'Ирина Павлова', role: 'ANALYST' as const, can: canOf('ANALYST') };

const year = (y: number, extra: Record<string, unknown> = {}) => ({
  year: y, tendersWon: 0, wonValue: [], newClients: 0, regularAtStart: 0, regularKept: 0, regularCheckedIn: `${y}-12`,
  shipmentsRun: 0, delivered: 0, onTime: 0, onTimeRate: null, satisfaction: null, feedbackCount: 0, ...extra,
});

/** Thirteen months, November 2025 to November 2026, counts as given. */
const months = (counts: number[]) => counts.map((count, i) => ({
  month: addMonths('2025-11', i), count, newlyRegular: i === 12 ? 3 : 1, noLongerRegular: i === 12 ? 1 : 0,
}));

const full = {
  RegularClients: { regularClients: months([26, 26, 27, 28, 32, 32, 32, 34, 33, 32, 35, 36, 38]) },
  PipelineTotals: {
    tenderTotals: [
      { stage: 'WON', currency: 'USD', count: 6, value: '13754632.00', weightedValue: '13754632.00' },
      { stage: 'IDENTIFIED', currency: 'RUB', count: 12, value: '2477806787.00', weightedValue: '247780678.70' },
      { stage: 'WON', currency: 'RUB', count: 28, value: '7192713253.00', weightedValue: '7192713253.00' },
      { stage: 'WON', currency: 'EUR', count: 7, value: '9670149.00', weightedValue: '9670149.00' },
    ],
  },
  WinRates: {
    overall: [{ won: 41, lost: 38, withdrawn: 6, winRate: 41 / 79 }],
    quarters: [
      { period: '2026-Q2', periodStart: '2026-04', won: 11, lost: 10, withdrawn: 1, winRate: 11 / 21 },
      { period: '2026-Q3', periodStart: '2026-07', won: 7, lost: 13, withdrawn: 2, winRate: 0.35 },
    ],
  },
  CarrierScorecard: {
    carrierScorecard: [
      { carrier: { id: '24', name: 'Полёт Логистик' }, shipments: 376, delivered: 372, onTime: 317, onTimeRate: 317 / 372, averageDelayHours: 8.5913, exceptions: 11 },
      { carrier: { id: '3', name: 'Новичок' }, shipments: 4, delivered: 0, onTime: 0, onTimeRate: null, averageDelayHours: null, exceptions: 0 },
      { carrier: { id: '4', name: 'Магистраль-Экспресс' }, shipments: 150, delivered: 147, onTime: 136, onTimeRate: 136 / 147, averageDelayHours: 5.5578, exceptions: 3 },
    ],
  },
  BadCompromises: {
    badCompromises: {
      minMarginRate: 0.1818,
      clients: [{
        client: { id: '8589934597', name: 'ООО «БалтТорг»' }, score: 60, satisfaction: 0.25, keptPromises: 0.827, margin: 1,
        activity: 0.68, averageScore: 2, marginRate: 0.31, unhappy: true,
      }],
    },
  },
  ScorecardManagers: {
    managers: { edges: [{ node: { id: '1', name: 'Анна Смирнова', role: 'ACCOUNT_MANAGER' } }, { node: { id: '5', name: 'Олег Новиков', role: 'OPERATIONS_MANAGER' } }] },
  },
  ManagerScorecard: (v: { manager: string; year: number | null }) => {
    const y = v.year ?? 2026;
    const role = v.manager === '1' ? 'ACCOUNT_MANAGER' : v.manager === '5' ? 'OPERATIONS_MANAGER' : 'ADMIN';
    return {
      managerScorecard: {
        manager: { id: v.manager, name: role === 'ADMIN' ? 'Виктор Алексеев' : role === 'ACCOUNT_MANAGER' ? 'Анна Смирнова' : 'Олег Новиков', role, active: true },
        current: year(y, { tendersWon: 4, wonValue: [{ currency: 'RUB', amount: '574057999.00' }, { currency: 'USD', amount: '2355951.00' }], newClients: 6, regularAtStart: 5, regularKept: 2, regularCheckedIn: `${y}-11`, shipmentsRun: 531, delivered: 497, onTime: 415, onTimeRate: 415 / 497, satisfaction: 3.625, feedbackCount: 24 }),
        previous: year(y - 1, { tendersWon: 3, wonValue: [{ currency: 'RUB', amount: '1080533598.00' }], newClients: 3, shipmentsRun: 447 }),
      },
    };
  },
};

type Answers = Record<string, unknown>;

/** A client that answers by operation name (data, or a function of the variables) and records each query's variables. */
function recording(answers: Answers) {
  const seen: Record<string, Record<string, unknown>[]> = {};
  const client = {
    executeQuery: (op: { query: { definitions: { name?: { value: string } }[] }; variables: Record<string, unknown> }) => {
      const name = op.query.definitions.find((d) => d.name)?.name?.value ?? '';
      (seen[name] ??= []).push(op.variables);
      const a = answers[name];
      if (a === undefined) return never;
      const data = typeof a === 'function' ? a(op.variables) : a;
      return fromValue({ operation: op, data, stale: false, hasNext: false });
    },
    executeMutation: vi.fn(() => never),
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, seen };
}

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the dashboards’ periods and choices', () => {
  it('ask for this UTC month and the 12 before, and carriers’ last 12 calendar months', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(regularMonths(now)).toEqual({ from: '2025-11', to: '2026-11' });
    expect(scorecardWindow(now)).toEqual({ from: '2025-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z', first: '2025-12', last: '2026-11' });
    // late on 31 December in Moscow it is still December in UTC… and the other way round
    expect(regularMonths(Date.parse('2026-12-31T22:30:00Z')).to).toBe('2026-12');
    expect(scorecardWindow(Date.parse('2027-01-01T00:30:00Z')).to).toBe('2027-02-01T00:00:00Z');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
  });

  it('set this month against the month before and a year before, and count the months it grew', () => {
    const trend = regularTrend(months([26, 26, 27, 28, 32, 32, 32, 34, 33, 32, 35, 36, 38]));
    expect(trend).toEqual({
      month: '2026-11', count: 38, grew: 7, steps: 12,
      monthBefore: { month: '2026-10', was: 36, delta: 2 },
      yearBefore: { month: '2025-11', was: 26, delta: 12 },
    });
    // without the year before (a shorter history), that comparison is left out
    expect(regularTrend(months([5, 4]).slice(0, 2))?.yearBefore).toBeNull();
    expect(regularTrend([])).toBeNull();
  });

  it('read the manager and year from the URL; account and operations managers see their own by default', () => {
    expect(readScorecard(new URLSearchParams(''), anna)).toEqual({ manager: '1', year: null });
    expect(readScorecard(new URLSearchParams(''), irina)).toEqual({ manager: '', year: null });
    expect(readScorecard(new URLSearchParams('manager=5&year=2025'), anna)).toEqual({ manager: '5', year: 2025 });
    expect(readScorecard(new URLSearchParams('manager=x&year=99999'), irina)).toEqual({ manager: '', year: null });
    expect(sectionsFor('ACCOUNT_MANAGER')).toEqual({ account: true, operations: false });
    expect(sectionsFor('OPERATIONS_MANAGER')).toEqual({ account: false, operations: true });
    expect(sectionsFor(undefined)).toEqual({ account: true, operations: true });
    expect(sectionsFor('ADMIN')).toEqual({ account: true, operations: true });
    expect(yearChoices(2026, null)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(yearChoices(2026, 2012)).toContain(2012);
  });

  it('order carriers best first, those without deliveries last, and stages as the board does', () => {
    expect(byOnTimeRate(full.CarrierScorecard.carrierScorecard).map((r) => r.carrier.name)).toEqual(['Магистраль-Экспресс', 'Полёт Логистик', 'Новичок']);
    expect(byStage(full.PipelineTotals.tenderTotals as { stage: TenderStage; currency: string }[]).map((r) => `${r.stage} ${r.currency}`)).toEqual(['IDENTIFIED RUB', 'WON RUB', 'WON EUR', 'WON USD']);
  });
});

// a whole page of tables and role queries: jsdom takes its time on a busy machine
describe('the dashboards page', { timeout: 20_000 }, () => {
  beforeEach(() => {
    // the fixtures are the figures of late November 2026, so the page's "now"
    // is too: the windows it asks for and names follow the clock. Only Date
    // is faked; timers stay real for user-event and React.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
    // the URL helpers read the live query (layout/url.ts): keep it in step with the router's
    window.history.replaceState(null, '', '/dashboards');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows every panel’s figures as the server gives them, in Russian', () => {
    const { client, seen } = recording(full);
    renderApp(<DashboardsPage />, { client, url: '/dashboards' });
    expect(screen.getByRole('heading', { level: 1, name: 'Показатели' })).toBeInTheDocument();

    // regular clients: the headline, the trend in words, and every month in the table
    expect(screen.getByTestId('regular-now')).toHaveTextContent('38');
    expect(plain(screen.getByTestId('regular-year').textContent)).toBe('Годом ранее, ноябрь 2025 г.: 26; больше на 12');
    expect(plain(screen.getByTestId('regular-month').textContent)).toBe('Месяцем ранее, октябрь 2026 г.: 36; больше на 2');
    expect(screen.getByTestId('regular-grew')).toHaveTextContent('Рост в 7 из 12 последних месяцев.');
    expect(within(screen.getByTestId('regular')).getAllByRole('row')).toHaveLength(14);
    expect(screen.getByTestId('regular-2026-11')).toHaveTextContent(/ноябрь 2026 г\.\s*38\s*3\s*1/);
    expect(within(screen.getByTestId('regular')).getByRole('img', { name: /График постоянных клиентов.*сначала 26, сейчас 38/ })).toBeInTheDocument();
    expect(seen.RegularClients[0]).toEqual(regularMonths(Date.now()));

    // the pipeline: each currency on its own row, never added up
    expect(plain(screen.getByTestId('pipeline-WON-RUB').textContent)).toBe('ВыигранRUB287 192 713 253 ₽7 192 713 253 ₽');
    expect(plain(screen.getByTestId('pipeline-WON-EUR').textContent)).toContain('9 670 149 €');
    expect(within(screen.getByTestId('pipeline')).getByRole('heading', { name: 'В валюте RUB' })).toBeInTheDocument();

    // the win rate: the headline and each quarter, latest first
    expect(plain(screen.getByTestId('win-rate').textContent)).toBe('52 %');
    expect(screen.getByTestId('win-won')).toHaveTextContent('41');
    expect(screen.getByTestId('win-lost')).toHaveTextContent('38');
    const quarters = within(screen.getByTestId('win')).getAllByRole('row').slice(1);
    expect(quarters.map((r) => plain(r.textContent))).toEqual(['3 кв. 2026713235 %', '2 кв. 20261110152 %']);

    // carriers: best on-time rate first, linked to their pages; one without deliveries last, without a rate
    const carriers = within(screen.getByTestId('carriers')).getAllByRole('row').slice(1);
    expect(carriers.map((r) => r.getAttribute('data-testid'))).toEqual(['carrier-4', 'carrier-24', 'carrier-3']);
    expect(within(carriers[0]).getByRole('link', { name: 'Магистраль-Экспресс' })).toHaveAttribute('href', '/carriers/4');
    expect(plain(within(carriers[0]).getByTestId('rate').textContent)).toBe('93 %');
    expect(within(carriers[0]).getByTestId('delay')).toHaveTextContent('5,6');
    expect(within(carriers[2]).getByTestId('rate')).toHaveTextContent('—');
    expect(screen.getByTestId('carriers')).toHaveTextContent('с погрузкой по плану в период декабрь 2025 г. — ноябрь 2026 г.');

    // bad compromises: the bar used, and the client linked
    expect(plain(screen.getByTestId('bad-bar').textContent)).toContain('маржа не ниже 18 % цены');
    const bad = screen.getByTestId('bad-8589934597');
    expect(within(bad).getByRole('link', { name: 'ООО «БалтТорг»' })).toHaveAttribute('href', '/clients/8589934597');
    expect(plain(within(bad).getByTestId('margin').textContent)).toBe('31 %');
    expect(within(bad).getByTestId('score')).toHaveTextContent('2 из 5');
    expect(within(bad).getByTestId('health')).toHaveTextContent('60/100');

    // an account manager's own year by default: the account side only, this year beside the last
    expect(seen.ManagerScorecard[0]).toEqual({ manager: '1', year: null });
    expect(screen.getByLabelText('Менеджер')).toHaveValue('1');
    const manager = within(screen.getByTestId('manager'));
    expect(manager.getByRole('heading', { level: 3, name: 'Работа с клиентами' })).toBeInTheDocument();
    expect(manager.queryByRole('heading', { name: 'Операционная работа' })).toBeNull();
    const won = screen.getByTestId('manager-tendersWon');
    expect([within(won).getByTestId('current').textContent, within(won).getByTestId('previous').textContent]).toEqual(['4', '3']);
    expect(plain(within(screen.getByTestId('manager-wonValue')).getByTestId('current').textContent)).toBe('574 057 999,00 ₽2 355 951,00 $');
    expect(within(screen.getByTestId('manager-regularKept')).getByTestId('current')).toHaveTextContent('2 (нояб. 2026 г.)');
    // none regular in January: no month to have checked them in
    expect(within(screen.getByTestId('manager-regularKept')).getByTestId('previous').textContent).toBe('0');
  });

  it('puts the manager and year of the URL into the query, shows the section of the manager’s role, and changes the year through the URL', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/dashboards?manager=5&year=2025');
    const { client, seen } = recording(full);
    renderApp(<DashboardsPage />, { viewer: irina, client, url: '/dashboards?manager=5&year=2025' });
    expect(seen.ManagerScorecard[0]).toEqual({ manager: '5', year: 2025 });
    expect(screen.getByRole('heading', { level: 3, name: 'Операционная работа' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Работа с клиентами' })).toBeNull();
    expect(screen.getByRole('columnheader', { name: '2025' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '2024' })).toBeInTheDocument();
    expect(plain(within(screen.getByTestId('manager-onTimeRate')).getByTestId('current').textContent)).toBe('84 %');
    expect(within(screen.getByTestId('manager-satisfaction')).getByTestId('current')).toHaveTextContent('3,6 из 5 (оценок: 24)');
    expect(within(screen.getByTestId('manager-satisfaction')).getByTestId('previous')).toHaveTextContent('—');

    await user.selectOptions(screen.getByLabelText('Год'), '2023');
    expect(seen.ManagerScorecard.at(-1)).toEqual({ manager: '5', year: 2023 });
    expect(screen.getByRole('columnheader', { name: '2022' })).toBeInTheDocument();
  });

  it('asks an analyst to choose a manager first, then shows both sections for a role without its own', async () => {
    const user = userEvent.setup();
    const { client, seen } = recording({
      ...full,
      ScorecardManagers: { managers: { edges: [...full.ScorecardManagers.managers.edges, { node: { id: '9', name: 'Виктор Алексеев', role: 'ADMIN' } }] } },
    });
    renderApp(<DashboardsPage />, { viewer: irina, client, url: '/dashboards' });
    expect(seen.ManagerScorecard).toBeUndefined();
    expect(screen.getByText('Выберите менеджера, чтобы увидеть его год рядом с предыдущим.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Менеджер'), '9');
    expect(seen.ManagerScorecard.at(-1)).toEqual({ manager: '9', year: null });
    expect(screen.getByRole('heading', { level: 3, name: 'Работа с клиентами' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Операционная работа' })).toBeInTheDocument();
  });

  it('says so when there are no figures', () => {
    const { client } = recording({
      ...full,
      RegularClients: { regularClients: months(Array(13).fill(0)).map((m) => ({ ...m, newlyRegular: 0, noLongerRegular: 0 })) },
      PipelineTotals: { tenderTotals: [] },
      WinRates: { overall: [{ won: 0, lost: 0, withdrawn: 0, winRate: null }], quarters: [] },
      CarrierScorecard: { carrierScorecard: [] },
      BadCompromises: { badCompromises: { minMarginRate: 0.2, clients: [] } },
    });
    renderApp(<DashboardsPage />, { client, url: '/dashboards', locale: 'en' });
    expect(within(screen.getByTestId('regular')).getByText('No regular clients in these months yet.')).toBeInTheDocument();
    expect(within(screen.getByTestId('pipeline')).getByText('No tenders yet.')).toBeInTheDocument();
    expect(within(screen.getByTestId('win')).getByText('No tender has been decided yet.')).toBeInTheDocument();
    expect(within(screen.getByTestId('carriers')).getByText('No shipment was given to a carrier in these months.')).toBeInTheDocument();
    expect(within(screen.getByTestId('bad')).getByText('No unhappy client earns us a margin of 20% or more.')).toBeInTheDocument();
    for (const id of ['regular', 'pipeline', 'win', 'carriers', 'bad']) expect(within(screen.getByTestId(id)).queryByRole('table')).toBeNull();
  });
});
