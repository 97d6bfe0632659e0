import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/render';
import { changedClient, ClientFormView, type ClientValues } from './ClientForm';
import { ContactForm } from './ContactForm';

const answers = {
  ManagerChoices: { managers: { edges: [{ node: { id: '1', name: 'Анна Смирнова' } }, { node: { id: '5', name: 'Олег Новиков' } }] } },
};

const fresh: ClientValues = { name: '', industry: '', country: 'RU', city: '', status: 'PROSPECT', accountManagerID: '1', operationsManagerID: '' };

describe('ClientFormView', () => {
  it('needs a name and a city, and sends the ISO country code', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderApp(<ClientFormView initial={fresh} onSubmit={onSubmit} submitLabel="Создать клиента" busy={false} />, { answers });
    await user.click(screen.getByRole('button', { name: 'Создать клиента' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Название')).toHaveAccessibleDescription('Обязательное поле.');
    expect(screen.getByLabelText('Город')).toHaveAccessibleDescription('Обязательное поле.');
    expect(screen.getByLabelText('Страна')).toHaveDisplayValue('Россия');

    await user.type(screen.getByLabelText('Название'), 'ООО «Ромашка»');
    await user.type(screen.getByLabelText('Город'), 'Казань');
    await user.selectOptions(screen.getByLabelText('Страна'), 'KZ');
    await user.click(screen.getByRole('button', { name: 'Создать клиента' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'ООО «Ромашка»', city: 'Казань', country: 'KZ', accountManagerID: '1' }));
  });

  it('keeps an account manager as the account manager of a client they create', () => {
    renderApp(<ClientFormView initial={fresh} onSubmit={vi.fn()} submitLabel="Создать клиента" busy={false} lockAM />, { answers });
    const am = screen.getByLabelText('Менеджер по работе с клиентом');
    expect(am).toBeDisabled();
    expect(am).toHaveDisplayValue('Анна Смирнова');
    expect(within(screen.getByLabelText('Операционный менеджер')).getByRole('option', { name: 'Олег Новиков' })).toBeInTheDocument();
  });
});

describe('ContactForm', () => {
  it('refuses an e-mail that is not one', async () => {
    const user = userEvent.setup();
    renderApp(<ContactForm clientID="C1" contact={null} onDone={vi.fn()} reload={vi.fn()} />);
    const form = screen.getByRole('form', { name: 'Новый контакт' });
    await user.type(within(form).getByLabelText('Имя'), 'Мария Котова');
    await user.type(within(form).getByLabelText('Электронная почта'), 'not-an-address');
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }));
    expect(within(form).getByLabelText('Электронная почта')).toHaveAccessibleDescription('Это не адрес электронной почты.');
  });
});

describe('changedClient', () => {
  const was: ClientValues = { ...fresh, name: 'ООО «Ромашка»', city: 'Казань', accountManagerID: '1', operationsManagerID: '5' };
  it('sends only what changed, and clears a pair member taken away', () => {
    expect(changedClient({ ...was }, was)).toEqual({});
    expect(changedClient({ ...was, city: ' Самара ' }, was)).toEqual({ city: 'Самара' });
    expect(changedClient({ ...was, operationsManagerID: '' }, was)).toEqual({ clearOperationsManager: true });
    expect(changedClient({ ...was, accountManagerID: '7' }, was)).toEqual({ accountManagerID: '7' });
  });
});
