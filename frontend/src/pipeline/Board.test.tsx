import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../api/errors';
import type { TenderStage } from '../gql/graphql';
import { renderApp } from '../test/render';
import { Board, type BoardCard, type BoardColumn } from './Board';
import { stages } from './stages';

const now = Date.parse('2026-11-27T09:00:00Z');

// what the server answers for Tender.moves, by stage, for one who works on the tender
const serverMoves: Record<string, TenderStage[]> = {
  IDENTIFIED: ['QUALIFYING', 'PREPARING', 'SUBMITTED', 'NEGOTIATION', 'LOST', 'WITHDRAWN'],
  QUALIFYING: ['PREPARING', 'SUBMITTED', 'NEGOTIATION', 'LOST', 'WITHDRAWN'],
  PREPARING: ['SUBMITTED', 'NEGOTIATION', 'LOST', 'WITHDRAWN'],
  SUBMITTED: ['NEGOTIATION', 'WON', 'LOST', 'WITHDRAWN'],
  NEGOTIATION: ['WON', 'LOST', 'WITHDRAWN'],
  WON: [], LOST: [], WITHDRAWN: [],
};

function card(over: Partial<BoardCard>): BoardCard {
  return {
    moves: serverMoves[over.stage ?? 'IDENTIFIED'],
    id: 'T1', version: 3, reference: 'T-1', title: 'Перевозки', stage: 'IDENTIFIED',
    estimatedValue: '1234567.89', currency: 'RUB', winProbability: 40,
    submissionDeadline: '2026-12-31T12:00:00Z', client: { id: 'C1', name: 'ООО «Ромашка»', accountManagerID: '1' },
    owner: { id: '1', name: 'Анна Смирнова' }, ...over,
  };
}

function columns(cards: BoardCard[]): BoardColumn[] {
  return stages.map((stage) => {
    const mine = cards.filter((c) => c.stage === stage);
    return { stage, cards: mine, count: mine.length, totals: [] };
  });
}

const column = (stage: string) => screen.getByTestId(`column-${stage}`);
const all = () => true;

describe('Board', () => {
  it('shows each card in its column with value, probability and deadline, in Russian', () => {
    const cols = columns([
      card({}),
      card({ id: 'T2', reference: 'T-2', stage: 'SUBMITTED', submissionDeadline: '2026-11-20T12:00:00Z' }),
      card({ id: 'T3', reference: 'T-3', stage: 'SUBMITTED', submissionDeadline: '2026-11-30T12:00:00Z', currency: 'USD' as const, estimatedValue: '5000.00' }),
    ]);
    cols[3].totals = [{ currency: 'RUB', count: 1, value: '1234567.89', weightedValue: '493827.16' }, { currency: 'USD', count: 1, value: '5000.00', weightedValue: '2000.00' }];
    renderApp(<Board columns={cols} onMove={vi.fn()} canMove={all} now={now} />);
    const first = within(column('IDENTIFIED')).getByTestId('card-T-1');
    expect(first).toHaveTextContent('1 234 568 ₽');
    expect(first).toHaveTextContent('40 %');
    expect(first).toHaveTextContent('срок 31.12.2026');
    expect(first).not.toHaveTextContent('просрочен');
    expect(within(column('SUBMITTED')).getByTestId('card-T-2')).toHaveTextContent('просрочен');
    expect(within(column('SUBMITTED')).getByTestId('card-T-3')).toHaveTextContent('скоро срок');
    expect(within(column('SUBMITTED')).getByTestId('card-T-3')).toHaveTextContent('5 000 $');
    // totals per currency, never added across currencies
    expect(screen.getByTestId('total-SUBMITTED-RUB')).toHaveTextContent('1 234 568 ₽');
    expect(screen.getByTestId('total-SUBMITTED-RUB')).toHaveTextContent('с учётом вероятности 493 827 ₽');
    expect(screen.getByTestId('total-SUBMITTED-USD')).toHaveTextContent('5 000 $');
    expect(within(column('WON')).getByText('Тендеров нет')).toBeInTheDocument();
  });

  it('moves a card with the keyboard: Space, arrows, Space', async () => {
    const user = userEvent.setup();
    const onMove = vi.fn(async (): Promise<Problem | null> => null);
    renderApp(<Board columns={columns([card({})])} onMove={onMove} canMove={all} now={now} />);
    const handle = screen.getByTestId('move-handle');
    handle.focus();
    await user.keyboard(' ');
    expect(column('IDENTIFIED')).toHaveClass('target');
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('Тендер T-1 взят из этапа «Выявлен»');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(column('PREPARING')).toHaveClass('target');
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('T-1: над колонкой «Подготовка»');
    await user.keyboard('{ArrowLeft}');
    await user.keyboard(' ');
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'T1', version: 3 }), 'QUALIFYING', undefined);
    // the card shows in its new column at once
    expect(within(column('QUALIFYING')).getByTestId('card-T-1')).toBeInTheDocument();
  });

  it('Escape puts a picked-up card back without moving it', async () => {
    const user = userEvent.setup();
    const onMove = vi.fn(async () => null);
    renderApp(<Board columns={columns([card({})])} onMove={onMove} canMove={all} now={now} />);
    screen.getByTestId('move-handle').focus();
    await user.keyboard(' {ArrowRight}{Escape}');
    expect(onMove).not.toHaveBeenCalled();
    expect(column('QUALIFYING')).not.toHaveClass('target');
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('Перенос T-1 отменён.');
    // the arrows alone move nothing before a card is picked up
    await user.keyboard('{ArrowRight} ');
    expect(onMove).not.toHaveBeenCalled();
  });

  it('puts a refused card back where it was and says why, on the card', async () => {
    const user = userEvent.setup();
    let answer!: (p: Problem | null) => void;
    const onMove = vi.fn(() => new Promise<Problem | null>((r) => { answer = r; }));
    renderApp(<Board columns={columns([card({ stage: 'WON' })])} onMove={onMove} canMove={all} now={now} />);
    screen.getByTestId('move-handle').focus();
    await user.keyboard(' {ArrowLeft} ');
    // while the server thinks, the card is in the column asked for
    expect(within(column('NEGOTIATION')).getByTestId('card-T-1')).toHaveAttribute('aria-busy', 'true');
    await act(async () => answer({ code: 'BAD_USER_INPUT', message: 'tender T-1 is WON: nothing leaves WON, LOST or WITHDRAWN' }));
    const back = within(column('WON')).getByTestId('card-T-1');
    expect(within(back).getByRole('alert')).toHaveTextContent('Не принято: tender T-1 is WON: nothing leaves WON, LOST or WITHDRAWN');
    expect(within(column('NEGOTIATION')).queryByTestId('card-T-1')).toBeNull();
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('T-1 остаётся в этапе «Выигран»');
    await user.click(within(back).getByRole('button', { name: 'Скрыть' }));
    expect(within(back).queryByRole('alert')).toBeNull();
  });

  it('names a CONFLICT as a change made meanwhile', async () => {
    const onMove = vi.fn(async (): Promise<Problem | null> => ({ code: 'CONFLICT', message: 'tender T-1 has version 4, not 3' }));
    renderApp(<Board columns={columns([card({})])} onMove={onMove} canMove={all} now={now} />);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Перенести в: T-1' }), { target: { value: 'SUBMITTED' } });
    });
    expect(within(column('IDENTIFIED')).getByRole('alert')).toHaveTextContent('Кто-то уже изменил эту запись: tender T-1 has version 4, not 3');
  });

  it('asks why before a move to LOST, and needs an answer', async () => {
    const user = userEvent.setup();
    const onMove = vi.fn(async () => null);
    renderApp(<Board columns={columns([card({ stage: 'NEGOTIATION' })])} onMove={onMove} canMove={all} now={now} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-1' }), 'LOST');
    const dialog = screen.getByRole('dialog', { name: 'Почему тендер T-1 проигран?' });
    expect(within(dialog).getByLabelText('Причина проигрыша')).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Перенести в «Проигран»' }));
    expect(within(dialog).getByText('Укажите, почему тендер проигран.')).toBeInTheDocument();
    expect(onMove).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText('Причина проигрыша'), 'Цена выше на 12 %');
    await user.click(within(dialog).getByRole('button', { name: 'Перенести в «Проигран»' }));
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'T1' }), 'LOST', 'Цена выше на 12 %');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves a card dropped on another column', async () => {
    const onMove = vi.fn(async () => null);
    renderApp(<Board columns={columns([card({})])} onMove={onMove} canMove={all} now={now} />);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? '', effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(screen.getByTestId('card-T-1'), { dataTransfer });
    fireEvent.dragOver(column('SUBMITTED'), { dataTransfer });
    expect(column('SUBMITTED')).toHaveClass('target');
    await act(async () => {
      fireEvent.drop(column('SUBMITTED'), { dataTransfer });
    });
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'T1' }), 'SUBMITTED', undefined);
  });

  it('offers no moves to a viewer who may not move tenders', () => {
    renderApp(<Board columns={columns([card({})])} onMove={vi.fn()} canMove={() => false} now={now} />);
    expect(screen.queryByTestId('move-handle')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByTestId('card-T-1')).toHaveAttribute('draggable', 'false');
  });

  it('lets the data decide once a move is done, and moves other cards meanwhile', async () => {
    const user = userEvent.setup();
    const answers: ((p: Problem | null) => void)[] = [];
    const onMove = vi.fn(() => new Promise<Problem | null>((r) => { answers.push(r); }));
    const two = [card({}), card({ id: 'T2', reference: 'T-2', stage: 'SUBMITTED' })];
    const { rerender } = renderApp(<Board columns={columns(two)} onMove={onMove} canMove={all} now={now} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-1' }), 'QUALIFYING');
    // a second card moves while the first waits; the first does not move twice
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-2' }), 'NEGOTIATION');
    expect(onMove).toHaveBeenCalledTimes(2);
    // its own list waits for the answer, and the keyboard is told to wait
    expect(screen.getByRole('combobox', { name: 'Перенести в: T-1' })).toBeDisabled();
    within(screen.getByTestId('card-T-1')).getByTestId('move-handle').focus();
    await user.keyboard(' {ArrowRight} ');
    expect(onMove).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('T-1 ещё переносится: дождитесь ответа сервера.');
    await act(async () => answers[0](null));
    // the server took it; the card stays where it went until the data changes
    expect(within(column('QUALIFYING')).getByTestId('card-T-1')).toBeInTheDocument();
    // meanwhile someone else moved it on: the data wins
    await act(async () => {
      rerender(<Board columns={columns([card({ stage: 'PREPARING', version: 5 }), two[1]])} onMove={onMove} canMove={all} now={now} />);
    });
    expect(within(column('PREPARING')).getByTestId('card-T-1')).toBeInTheDocument();
    expect(within(column('QUALIFYING')).queryByTestId('card-T-1')).toBeNull();
    // and it moves again from there
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-1' }), 'SUBMITTED');
    expect(onMove).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'T1', version: 5 }), 'SUBMITTED', undefined);
  });

  it('keeps the keyboard on the list a card was moved with', async () => {
    const user = userEvent.setup();
    const onMove = vi.fn(async (): Promise<Problem | null> => null);
    const { rerender } = renderApp(<Board columns={columns([card({})])} onMove={onMove} canMove={all} now={now} />);
    const list = screen.getByRole('combobox', { name: 'Перенести в: T-1' });
    list.focus();
    await user.selectOptions(list, 'SUBMITTED');
    await act(async () => {
      rerender(<Board columns={columns([card({ stage: 'SUBMITTED', version: 4 })])} onMove={onMove} canMove={all} now={now} />);
    });
    const moved = within(column('SUBMITTED')).getByRole('combobox', { name: 'Перенести в: T-1' });
    expect(moved).toHaveFocus();
  });

  it('asks before a tender is won or withdrawn, and offers only the moves the pipeline allows', async () => {
    const user = userEvent.setup();
    const onMove = vi.fn(async () => null);
    renderApp(<Board columns={columns([card({ stage: 'QUALIFYING' }), card({ id: 'T2', reference: 'T-2', stage: 'NEGOTIATION' })])} onMove={onMove} canMove={all} now={now} />);
    const options = (name: string) => Array.from(screen.getByRole('combobox', { name }).querySelectorAll('option')).map((o) => o.value);
    expect(options('Перенести в: T-1')).toEqual(['', 'PREPARING', 'SUBMITTED', 'NEGOTIATION', 'LOST', 'WITHDRAWN']);
    expect(options('Перенести в: T-2')).toEqual(['', 'WON', 'LOST', 'WITHDRAWN']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-2' }), 'WON');
    const dialog = screen.getByRole('dialog', { name: 'Перенести тендер T-2 в этап «Выигран»?' });
    expect(within(dialog).getByRole('button', { name: 'Перенести в «Выигран»' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onMove).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Перенести в: T-2' }), 'WON');
    await user.click(screen.getByRole('button', { name: 'Перенести в «Выигран»' }));
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'T2' }), 'WON', undefined);
  });

  it('lets the viewer move only the cards that are theirs to move', () => {
    renderApp(<Board columns={columns([card({}), card({ id: 'T2', reference: 'T-2' })])} onMove={vi.fn()} canMove={(c) => c.id === 'T1'} now={now} />);
    expect(within(screen.getByTestId('card-T-1')).getByTestId('move-handle')).toBeInTheDocument();
    expect(within(screen.getByTestId('card-T-2')).queryByTestId('move-handle')).toBeNull();
    expect(within(screen.getByTestId('card-T-2')).queryByRole('combobox')).toBeNull();
    expect(screen.getByTestId('card-T-2')).toHaveAttribute('draggable', 'false');
  });
});
