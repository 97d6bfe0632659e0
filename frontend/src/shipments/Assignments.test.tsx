import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { Client } from 'urql';
import { canOf, renderApp } from '../test/render';
import { AssignmentsPage } from './AssignmentsPage';
import { CarrierPicker, rankCarriers } from './CarrierPicker';
import { lateness, readShipmentFilters, shipmentWhere } from './lists';
import type { TransportMode } from '../gql/graphql';

const oleg = { id: '5', name: 'Олег Новиков', role: 'OPERATIONS_MANAGER' as const, can: canOf('OPERATIONS_MANAGER') };

const row = (reference: string, extra: Record<string, unknown> = {}) => ({
  id: reference, reference, version: 1, status: 'PLANNED', mode: 'ROAD', origin: 'Москва', destination: 'Казань',
  plannedPickup: '2026-12-01T06:00:00Z', plannedDelivery: '2026-12-03T06:00:00Z', estimatedDelivery: null, actualPickup: null, isLate: false, viewerCanRun: true,
  client: { id: '10', name: 'ООО «Северсталь»', operationsManagerID: '5' }, operationsManager: { id: '5', name: 'Олег Новиков' }, carrier: null, ...extra,
});

const info = (hasNextPage: boolean, hasPreviousPage: boolean) => ({ hasNextPage, hasPreviousPage, startCursor: 'a', endCursor: 'b' });

/** A client that answers by operation name and records each query's variables. */
function recording(answers: Record<string, unknown>) {
  const seen: Record<string, unknown>[] = [];
  const client = {
    executeQuery: (op: { query: { definitions: { name?: { value: string } }[] }; variables: Record<string, unknown> }) => {
      const name = op.query.definitions.find((d) => d.name)?.name?.value ?? '';
      if (name === 'AssignmentList') seen.push(op.variables);
      return name in answers ? fromValue({ operation: op, data: answers[name], stale: false, hasNext: false }) : never;
    },
    executeMutation: vi.fn(() => never),
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, seen };
}

describe('a shipment against its plan', () => {
  it('tells delivered late from late under way, and neither from on time or cancelled', () => {
    expect(lateness({ status: 'DELIVERED', isLate: true })).toBe('deliveredLate');
    expect(lateness({ status: 'IN_TRANSIT', isLate: true })).toBe('late');
    expect(lateness({ status: 'PLANNED', isLate: true })).toBe('late');
    expect(lateness({ status: 'DELIVERED', isLate: false })).toBeNull();
    expect(lateness({ status: 'CANCELLED', isLate: true })).toBeNull();
  });
});

describe('the assignment lists', () => {
  it('read their filters from the URL: an operations manager sees their own by default', () => {
    const f = readShipmentFilters(new URLSearchParams('list=late&client=12&mode=AIR&from=Моск'), 'OPERATIONS_MANAGER');
    expect(f).toEqual({ list: 'late', mine: true, client: '12', mode: 'AIR', from: 'Моск', to: '' });
    expect(readShipmentFilters(new URLSearchParams('list=bogus&mine=0&mode=BOAT&client=x'), 'OPERATIONS_MANAGER'))
      .toEqual({ list: 'needs-carrier', mine: false, client: '', mode: '', from: '', to: '' });
    expect(shipmentWhere('late', f, '5')).toEqual({ and: [
      { isLate: true, statusIn: ['PLANNED', 'BOOKED', 'IN_TRANSIT'] },
      { operationsManagerID: '5' }, { clientID: '12' }, { mode: 'AIR' }, { originContainsFold: 'Моск' },
    ] });
    expect(shipmentWhere('needs-carrier', { ...f, mine: false, client: '', mode: '', from: '' }, '5')).toEqual({ status: 'PLANNED', carrierIDIsNil: true });
  });

  it('show each list with its count, the one chosen in the URL, and ask the server with its filters', async () => {
    const { client, seen } = recording({
      AssignmentCounts: { needs: { totalCount: 7 }, moving: { totalCount: 3 }, late: { totalCount: 1 } },
      AssignmentList: { shipments: { totalCount: 1, pageInfo: info(false, false),
        edges: [{ node: row('SH-9', { status: 'IN_TRANSIT', isLate: true, estimatedDelivery: '2026-12-05T06:00:00Z', carrier: { id: '70', name: 'Балтик Лайн' } }) }] } },
      ClientNames: { clients: { edges: [] } },
    });
    renderApp(<AssignmentsPage />, { viewer: oleg, client, url: '/shipments?list=late&mode=ROAD' });
    expect(screen.getByRole('tab', { name: /Нужен перевозчик/ })).toHaveTextContent('7');
    expect(screen.getByRole('tab', { name: /Опаздывают/ })).toHaveAttribute('aria-selected', 'true');
    const table = screen.getByRole('tabpanel');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('row', { name: /SH-9/ })).toHaveTextContent('Балтик Лайн');
    expect(within(table).getByRole('row', { name: /SH-9/ })).toHaveTextContent('опаздывает');
    expect(seen[0].where).toEqual({ and: [{ isLate: true, statusIn: ['PLANNED', 'BOOKED', 'IN_TRANSIT'] }, { operationsManagerID: '5' }, { mode: 'ROAD' }] });
    expect(seen[0].orderBy).toEqual([{ field: 'PLANNED_DELIVERY', direction: 'ASC' }]);
    expect(seen[0]).toMatchObject({ first: 50 });
    // one page holds them all: no pager
    expect(screen.queryByRole('navigation', { name: 'Страницы списка' })).toBeNull();
  });

  it('page through a long list by its cursors, the page kept in the URL, saying which rows of how many', async () => {
    const user = userEvent.setup();
    const rows = Array.from({ length: 50 }, (_, i) => ({ node: row(`SH-${i + 51}`) }));
    const { client, seen } = recording({
      AssignmentCounts: { needs: { totalCount: 111 }, moving: { totalCount: 0 }, late: { totalCount: 0 } },
      AssignmentList: { shipments: { totalCount: 111, pageInfo: { ...info(true, false), startCursor: 'c51', endCursor: 'gaFpzwAAAAUAAAAB+/==' }, edges: rows } },
      ClientNames: { clients: { edges: [] } },
    });
    // a cursor as the API writes them, base64 with + and /
    renderApp(<AssignmentsPage />, { viewer: oleg, client, url: `/shipments?after=${encodeURIComponent('gaFpzwAAAAUAAAAA+/==')}&at=50` });
    expect(seen[0]).toMatchObject({ first: 50, after: 'gaFpzwAAAAUAAAAA+/==' });
    const pager = screen.getByRole('navigation', { name: 'Страницы списка' });
    expect(within(pager).getByRole('status')).toHaveTextContent('Строки 51–100 из 111');
    await user.click(within(pager).getByRole('button', { name: 'Вперёд ›' }));
    expect(seen.at(-1)).toMatchObject({ first: 50, after: 'gaFpzwAAAAUAAAAB+/==' });
    await user.click(within(screen.getByRole('navigation', { name: 'Страницы списка' })).getByRole('button', { name: '‹ Назад' }));
    expect(seen.at(-1)).toMatchObject({ last: 50, before: 'c51' });
    await user.click(within(screen.getByRole('navigation', { name: 'Страницы списка' })).getByRole('button', { name: 'Последняя »' }));
    expect(seen.at(-1)).toMatchObject({ last: 50 });
    expect(seen.at(-1)).not.toHaveProperty('before');
    expect(within(screen.getByRole('navigation', { name: 'Страницы списка' })).getByRole('status')).toHaveTextContent('Строки 62–111 из 111');
    // a change of filters starts again from the first page
    await user.click(screen.getByRole('tab', { name: /В пути/ }));
    expect(seen.at(-1)).toMatchObject({ first: 50 });
    expect(seen.at(-1)).not.toHaveProperty('last');
  });

  it('open the carrier picker in place on a shipment that needs one', async () => {
    const user = userEvent.setup();
    renderApp(<AssignmentsPage />, {
      viewer: oleg,
      answers: {
        AssignmentCounts: { needs: { totalCount: 1 }, moving: { totalCount: 0 }, late: { totalCount: 0 } },
        AssignmentList: { shipments: { totalCount: 1, pageInfo: info(false, false), edges: [{ node: row('SH-1') }] } },
        ClientNames: { clients: { edges: [] } },
        CarrierChoices: { carriers: { edges: [] } },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Назначить перевозчика для SH-1' }));
    expect(screen.getByRole('button', { name: 'Назначить перевозчика для SH-1' })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Ни один действующий перевозчик не работает с видом «Авто».', { exact: false })).toBeInTheDocument();
  });
});

const carrier = (id: string, name: string, modes: TransportMode[], share: number | null, exceptions = 0) => ({
  id, name, country: 'RU', modes, active: true,
  record: { delivered: share == null ? 0 : 100, onTime: share == null ? 0 : share * 100, onTimeShare: share, recentExceptions: exceptions, recentDelays: 0, inHand: 2 },
});

describe('the carrier picker', () => {
  const carriers = [
    carrier('1', 'Аэро', ['AIR'], 0.99),
    carrier('2', 'Дорога', ['ROAD'], 0.8, 3),
    carrier('3', 'Трасса', ['ROAD', 'RAIL'], 0.8, 0),
    carrier('4', 'Новичок', ['ROAD'], null),
    carrier('5', 'Магистраль', ['ROAD'], 0.95),
  ];

  it('ranks carriers that serve the mode first, by on-time share, then fewer exceptions; one without deliveries last', () => {
    expect(rankCarriers(carriers, 'ROAD').map((c) => c.name)).toEqual(['Магистраль', 'Трасса', 'Дорога', 'Новичок', 'Аэро']);
  });

  it('shows each carrier with its record, others on request, and sends the chosen one with the version', async () => {
    const user = userEvent.setup();
    const execute = vi.fn(() => never);
    const client = {
      executeQuery: (op: { query: { definitions: { name?: { value: string } }[] } }) =>
        fromValue({ operation: op, data: { carriers: { edges: carriers.map((node) => ({ node })) } }, stale: false, hasNext: false }),
      executeMutation: execute,
      executeSubscription: () => never,
    } as unknown as Client;
    renderApp(<CarrierPicker shipment={{ id: '77', reference: 'SH-7', mode: 'ROAD', version: 4 }} onDone={() => {}} onCancel={() => {}} />, { client });
    const options = screen.getAllByRole('radio');
    expect(options).toHaveLength(4);
    expect(screen.getByRole('radio', { name: /Магистраль/ }).closest('label')).toHaveTextContent('вовремя 95 % из 100 доставок за 12 мес.');
    expect(screen.getByRole('radio', { name: /Дорога/ }).closest('label')).toHaveTextContent('происшествий за 90 дней: 3');
    expect(screen.getByRole('radio', { name: /Новичок/ }).closest('label')).toHaveTextContent('нет доставок за 12 мес.');
    expect(screen.getByRole('button', { name: 'Назначить' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: /не работают с этим видом транспорта \(1\)/ }));
    expect(screen.getByRole('radio', { name: /Аэро/ }).closest('li')).toHaveTextContent('не работает с видом «Авто»');

    await user.click(screen.getByRole('radio', { name: /Трасса/ }));
    await user.click(screen.getByRole('button', { name: 'Назначить' }));
    expect(execute).toHaveBeenCalledWith(expect.objectContaining({ variables: { shipment: '77', carrier: '3', version: 4 } }), expect.anything());
  });
});
