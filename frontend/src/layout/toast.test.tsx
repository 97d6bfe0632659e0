import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, toastMillis, useToast, type ToastInput } from './toast';
import { I18nProvider } from '../i18n/i18n';

function Trigger({ input }: { input: ToastInput }) {
  const toast = useToast();
  return <button type="button" onClick={() => toast(input)}>go</button>;
}

const renderWith = (input: ToastInput) => render(
  <I18nProvider><ToastProvider><Trigger input={input} /></ToastProvider></I18nProvider>,
);

describe('toasts', () => {
  afterEach(() => vi.useRealTimers());

  it('says what was done, offers Undo, and runs it once', async () => {
    const undo = vi.fn();
    renderWith({ text: 'T-1 moved', undo });
    await userEvent.click(screen.getByRole('button', { name: 'go' }));
    expect(screen.getByTestId('toast')).toHaveTextContent('T-1 moved');
    await userEvent.click(screen.getByRole('button', { name: /Undo|Отменить/ }));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('goes after a few seconds, but not while the pointer is on it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWith({ text: 'saved' });
    act(() => screen.getByRole('button', { name: 'go' }).click());
    const toast = screen.getByTestId('toast');
    act(() => { toast.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); });
    act(() => { vi.advanceTimersByTime(toastMillis + 1000); });
    expect(screen.queryByTestId('toast')).not.toBeNull();
    act(() => { toast.dispatchEvent(new MouseEvent('mouseout', { bubbles: true })); });
    act(() => { vi.advanceTimersByTime(toastMillis + 1000); });
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
