import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/render';
import { changed, checkTender, TenderFormView, type TenderValues } from './TenderForm';

const answers = {
  ClientNames: { clients: { edges: [
    { node: { id: 'C1', name: 'ООО «Ромашка»', accountManagerID: '1', operationsManagerID: null, viewerCan: { addTender: true, addShipment: false } } },
    { node: { id: 'C2', name: 'АО «Чужой клиент»', accountManagerID: '9', operationsManagerID: null, viewerCan: { addTender: false, addShipment: false } } },
  ] } },
  ManagerChoices: { managers: { edges: [{ node: { id: '1', name: 'Анна Смирнова' } }, { node: { id: '2', name: 'Дмитрий Волков' } }] } },
};

const empty: TenderValues = {
  reference: '', title: '', clientID: '', ownerID: '1', estimatedValue: '', currency: 'RUB', winProbability: '10', deadline: '',
};

describe('TenderFormView', () => {
  it('checks the input before sending, and lands on the first field at fault', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderApp(<TenderFormView initial={empty} onSubmit={onSubmit} submitLabel="Создать тендер" busy={false} />, { answers });
    await user.click(screen.getByRole('button', { name: 'Создать тендер' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Проверьте отмеченные поля.');
    expect(screen.getByLabelText('Номер')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Номер')).toHaveAccessibleDescription('Обязательное поле.');
    expect(screen.getByLabelText('Клиент')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Оценочная стоимость')).toHaveAccessibleDescription('Обязательное поле.');
    await vi.waitFor(() => expect(screen.getByLabelText('Номер')).toHaveFocus());

    await user.type(screen.getByLabelText('Оценочная стоимость'), '12,345');
    await user.clear(screen.getByLabelText('Вероятность победы, %'));
    await user.type(screen.getByLabelText('Вероятность победы, %'), '101');
    await user.click(screen.getByRole('button', { name: 'Создать тендер' }));
    expect(screen.getByLabelText('Оценочная стоимость')).toHaveAccessibleDescription(/не больше двух знаков/);
    expect(screen.getByLabelText('Вероятность победы, %')).toHaveAccessibleDescription('Целое число от 0 до 100.');
  });

  it('offers an account manager only their own clients', () => {
    renderApp(<TenderFormView initial={empty} onSubmit={vi.fn()} submitLabel="Создать тендер" busy={false} />, { answers });
    const options = Array.from(screen.getByLabelText('Клиент').querySelectorAll('option')).map((o) => o.textContent);
    expect(options).toEqual(['Выберите клиента', 'ООО «Ромашка»']);
  });

  it('sends what was typed', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderApp(<TenderFormView initial={empty} onSubmit={onSubmit} submitLabel="Создать тендер" busy={false} />, { answers });
    await user.type(screen.getByLabelText('Номер'), 'T-2027-0001');
    await user.type(screen.getByLabelText('Название'), 'Перевозки 2027');
    await user.selectOptions(screen.getByLabelText('Клиент'), 'C1');
    await user.type(screen.getByLabelText('Оценочная стоимость'), '1 234 567,89');
    await user.type(screen.getByLabelText('Срок подачи'), '2027-01-15T18:00');
    await user.click(screen.getByRole('button', { name: 'Создать тендер' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({
      reference: 'T-2027-0001', clientID: 'C1', ownerID: '1', estimatedValue: '1 234 567,89', deadline: '2027-01-15T18:00',
    }));
  });

  it('shows the server refusal on the field it names, and others above the form', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('reference: another tender already has this reference', { extensions: { code: 'CONFLICT', field: 'reference' } }),
        new GraphQLError('only the client\'s account manager puts a tender on it', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });
    renderApp(<TenderFormView initial={{ ...empty, reference: 'T-1' }} onSubmit={vi.fn()} submitLabel="Сохранить" busy={false} error={error} />, { answers });
    expect(screen.getByLabelText('Номер')).toHaveAccessibleDescription('another tender already has this reference');
    expect(screen.getByText('Нет прав на это действие: only the client\'s account manager puts a tender on it')).toBeInTheDocument();
  });

  it('sends only what an edit changed', () => {
    const initial: TenderValues = { ...empty, reference: 'T-1', title: 'Старое', clientID: 'C1', estimatedValue: '12500000,50', winProbability: '100', deadline: '2027-01-15T18:00' };
    expect(changed({ ...initial, title: 'Новое' }, initial, 'Europe/Moscow')).toEqual({ title: 'Новое' });
    expect(changed({ ...initial, estimatedValue: '12 500 000,50' }, initial, 'Europe/Moscow')).toEqual({});
    expect(changed({ ...initial, deadline: '2027-01-16T18:00', winProbability: '90' }, initial, 'Europe/Moscow'))
      .toEqual({ submissionDeadline: '2027-01-16T15:00:00Z', winProbability: 90 });
  });
});

describe('a new tender’s reference', () => {
  it('may be left to the server, but an edit needs one', () => {
    const t = ((k: string) => k) as Parameters<typeof checkTender>[1];
    const v: TenderValues = { reference: ' ', title: 'Контракт', clientID: '1', ownerID: '2', estimatedValue: '100', currency: 'RUB', winProbability: '10', deadline: '2027-01-01T10:00' };
    expect(checkTender(v, t, true).reference).toBeUndefined();
    expect(checkTender(v, t).reference).toBe('required');
  });
});
