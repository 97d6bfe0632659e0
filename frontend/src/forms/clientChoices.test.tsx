import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fromValue, never } from 'wonka';
import type { Client } from 'urql';
import { renderApp } from '../test/render';
import { ClientSelect } from './ClientSelect';

const node = (id: string, name: string) => ({ id, name, accountManagerID: '1', operationsManagerID: '5', viewerCan: { addTender: true, addShipment: false } });

function client(total: number) {
  const asked: string[] = [];
  return {
    asked,
    client: {
      executeQuery: (op: { query: { definitions: { name?: { value: string } }[] }; variables: { text?: string } }) => {
        const name = op.query.definitions.find((d) => d.name)?.name?.value;
        if (name === 'ClientNames') {
          return fromValue({ operation: op, data: { clients: { totalCount: total, edges: [{ node: node('1', 'Альфа') }, { node: node('2', 'Бета') }] } }, stale: false, hasNext: false });
        }
        if (name === 'ClientMatches') {
          asked.push(op.variables.text ?? '');
          return fromValue({ operation: op, data: { clients: { edges: [{ node: node('77', 'Северный Лён') }] } }, stale: false, hasNext: false });
        }
        return never;
      },
      executeMutation: () => never,
      executeSubscription: () => never,
    } as unknown as Client,
  };
}

describe('a choice of client', () => {
  it('offers the whole list while it fits, with no box to find one', () => {
    renderApp(<ClientSelect value="" onChange={() => undefined} anyLabel="Любой клиент" />, { client: client(2).client });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Любой клиент', 'Альфа', 'Бета']);
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('beyond a thousand clients, finds them by name on the server and keeps the one chosen', async () => {
    const user = userEvent.setup();
    const c = client(1001);
    renderApp(<ClientSelect value="2" onChange={() => undefined} anyLabel="Любой клиент" />, { client: c.client });
    await user.type(screen.getByRole('searchbox', { name: 'Найти клиента по названию' }), 'лен');
    await waitFor(() => expect(c.asked).toContain('лен'));
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Любой клиент', 'Бета', 'Северный Лён']));
  });
});
