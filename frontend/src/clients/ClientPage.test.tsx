import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router';
import { renderApp } from '../test/render';
import { ClientPage } from './ClientPage';

const client = (extra: Record<string, unknown>) => ({
  node: {
    __typename: 'Client', id: '10', version: 1, name: 'ООО «БалтТорг»', industry: '', country: 'RU', city: 'Калининград', status: 'ACTIVE', viewerCan: { edit: true, addTender: true, addShipment: false, reassign: false },
    accountManager: null, operationsManager: null,
    contacts: { edges: [] }, tenders: { totalCount: 0, edges: [] },
    satisfaction: { recentAverage: null, recentCount: 0, recentLowest: null, previousAverage: null, previousCount: 0, unhappy: false },
    feedbacks: { totalCount: 0, edges: [] }, shipments: { totalCount: 0, edges: [] }, late: { totalCount: 0 },
    ...extra,
  },
});

function show(extra: Record<string, unknown>, locale: 'ru' | 'en' = 'ru') {
  renderApp(<Routes><Route path="/clients/:id" element={<ClientPage />} /></Routes>, {
    url: '/clients/10', locale, answers: { ClientPage: client(extra) },
  });
}

describe('a client’s page', () => {
  it('says whether the client is regular, and its health score', () => {
    show({ isRegular: true, health: { score: 72 } });
    expect(screen.getByTestId('client-standing')).toHaveTextContent('Постоянный клиент · индекс здоровья 72/100');
  });

  it('shows what the score is made of, and which parts had no data', () => {
    show({ isRegular: false, health: { score: 100, satisfaction: null, keptPromises: 1, margin: 0.5, activity: null } });
    const parts = screen.getByTestId('health-parts');
    expect(parts).toHaveTextContent('удовлетворённость: нет данных, не учтена');
    expect(parts).toHaveTextContent('выполненные обещания: 100/100');
    expect(parts).toHaveTextContent('маржа: 50/100');
    expect(parts).toHaveTextContent('активность: нет данных, не учтена');
  });

  it('says so when the client is not regular and has no score', () => {
    show({ isRegular: false, health: { score: null } }, 'en');
    expect(screen.getByTestId('client-standing')).toHaveTextContent('Not a regular client · no health score yet');
  });
});
