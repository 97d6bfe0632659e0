import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { Client } from 'urql';
import { canOf, renderApp } from '../test/render';
import { MatrixPage } from './MatrixPage';
import { gapsOf, matrixWhere, pairGrid } from './matrix';

const anna = { id: '1', name: 'Анна Смирнова', active: true };
const pavel = { id: '2', name: 'Павел Морозов', active: false };
const oleg = { id: '5', name: 'Олег Новиков', active: true };
const clients = [
  { id: '10', name: 'Альфа', status: 'ACTIVE', accountManager: anna, operationsManager: oleg, satisfaction: { unhappy: false } },
  { id: '11', name: 'Бета', status: 'ACTIVE', accountManager: pavel, operationsManager: oleg, satisfaction: { unhappy: true } },
  { id: '12', name: 'Гамма', status: 'PROSPECT', accountManager: anna, operationsManager: null, satisfaction: { unhappy: false } },
];
// the server's count of the pairs (Query.matrix): two clients of Anna and Oleg
const pairs = [
  { accountManager: anna, operationsManager: oleg, clients: 2 },
  { accountManager: pavel, operationsManager: oleg, clients: 1 },
  { accountManager: anna, operationsManager: null, clients: 1 },
];

describe('the matrix', () => {
  it('finds the gaps: no manager, or a manager who left', () => {
    expect(clients.map(gapsOf)).toEqual([[], ['amLeft'], ['noOM']]);
    const g = pairGrid(pairs);
    expect(g.rows.map((m) => m?.name ?? null)).toEqual(['Анна Смирнова', 'Павел Морозов']);
    expect(g.cols.map((m) => m?.name ?? null)).toEqual(['Олег Новиков', null]);
    expect([g.count('1', '5'), g.count('1', 'none'), g.count('2', '5'), g.count('2', 'none')]).toEqual([2, 1, 1, 0]);
  });

  it('asks the server for a cell’s clients, a missing manager’s, or those with a gap', () => {
    expect(matrixWhere({ am: '', om: '', gaps: false })).toBeUndefined();
    expect(matrixWhere({ am: '1', om: 'none', gaps: false })).toEqual({ and: [{ accountManagerID: '1' }, { operationsManagerIDIsNil: true }] });
    expect(matrixWhere({ am: '', om: '', gaps: true })).toEqual({ or: [
      { accountManagerIDIsNil: true }, { hasAccountManagerWith: [{ active: false }] },
      { operationsManagerIDIsNil: true }, { hasOperationsManagerWith: [{ active: false }] }] });
  });

  function client() {
    const execute = vi.fn(() => never);
    return {
      execute,
      client: {
        executeQuery: (op: { query: { definitions: { name?: { value: string } }[] }; variables: { role?: string; where?: unknown } }) => {
          const name = op.query.definitions.find((d) => d.name)?.name?.value;
          // the list as the server would filter it: with a filter, the clients with a gap
          const listed = op.variables.where ? clients.filter((c) => gapsOf(c).length > 0) : clients;
          const data = name === 'Matrix' ? { matrix: pairs }
            : name === 'ReassignPreview' ? { reassignPreview: {
              clients: [{ id: '11', name: 'Бета' }, { id: '12', name: 'Гамма' }],
              tenders: [{ id: '40', reference: 'T-2026-0040', title: 'Годовой контракт' }],
              shipments: [{ id: '50', reference: 'SH-50' }, { id: '51', reference: 'SH-51' }] } }
            : name === 'MatrixClients' ? { clients: { totalCount: listed.length, pageInfo: { hasNextPage: false, hasPreviousPage: false }, edges: listed.map((node) => ({ node })) } }
            : { managers: { edges: op.variables.role === 'ACCOUNT_MANAGER' ? [{ node: anna }] : [{ node: oleg }, { node: { id: '6', name: 'Татьяна Попова' } }] } };
          return fromValue({ operation: op, data, stale: false, hasNext: false });
        },
        executeMutation: execute,
        executeSubscription: () => never,
      } as unknown as Client,
    };
  }

  it('shows clients against pairs, lists the gaps, and lets an administrator reassign the chosen clients', async () => {
    const user = userEvent.setup();
    const { client: c, execute } = client();
    renderApp(<MatrixPage />, { viewer: { id: '9', name: 'Виктор Алексеев', role: 'ADMIN', can: canOf('ADMIN') }, client: c, url: '/matrix?gaps=1' });
    expect(screen.getByTestId('matrix-gaps')).toHaveTextContent('Пробелы в паре у 2 из 4 клиентов.');
    const grid = screen.getByRole('table', { name: /Клиенты по парам/ });
    expect(within(grid).getByRole('rowheader', { name: 'Павел Морозов (больше не работает)' })).toHaveClass('gap');
    expect(within(grid).getByRole('button', { name: 'Клиентов у Анна Смирнова и нет (пробел в матрице): 1' })).toBeInTheDocument();
    expect(screen.queryByTestId('matrix-Альфа')).toBeNull();
    expect(screen.getByTestId('matrix-Бета')).toHaveTextContent('менеджер по работе с клиентом ушёл');
    expect(screen.getByTestId('matrix-Бета')).toHaveTextContent('недоволен');
    expect(screen.getByTestId('matrix-Гамма')).toHaveTextContent('нет операционного менеджера');

    const ask = screen.getByRole('button', { name: 'Показать, что будет передано' });
    expect(ask).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Выбрать Бета' }));
    await user.click(screen.getByRole('checkbox', { name: 'Выбрать Гамма' }));
    await user.selectOptions(screen.getByLabelText('Новый менеджер по работе с клиентами'), '1');
    await user.selectOptions(screen.getByLabelText('Новый операционный менеджер'), '6');
    expect(screen.getByRole('heading', { name: 'Новая пара для выбранных клиентов: 2' })).toBeInTheDocument();
    // first what would move, as the server says; nothing is written yet
    await user.click(ask);
    const preview = await screen.findByTestId('reassign-preview');
    expect(preview).toHaveTextContent('Клиентов: 2; открытых тендеров: 1; незавершённых перевозок: 2. Переназначить?');
    expect(within(screen.getByTestId('preview-tenders')).getByRole('listitem')).toHaveTextContent('T-2026-0040 · Годовой контракт');
    expect(within(screen.getByTestId('preview-shipments')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['SH-50', 'SH-51']);
    expect(execute).not.toHaveBeenCalled();
    await user.click(within(preview).getByRole('button', { name: 'Переназначить' }));
    expect(execute).toHaveBeenCalledWith(expect.objectContaining({ variables: { ids: ['11', '12'], am: '1', om: '6', handOver: true } }), expect.anything());
  });

  it('offers no reassignment to anyone but an administrator', () => {
    renderApp(<MatrixPage />, { viewer: { id: '1', name: 'Анна Смирнова', role: 'ACCOUNT_MANAGER', can: canOf('ACCOUNT_MANAGER') }, client: client().client });
    expect(screen.queryByRole('button', { name: 'Показать, что будет передано' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Выбрать/ })).toBeNull();
  });
});
