import { act, renderHook } from '@testing-library/react';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { changedFields, useEdit } from './edit';

interface V { title: string; value: string; owner: string }

const conflict = () => new CombinedError({ graphQLErrors: [new GraphQLError('tender T-1 has version 5, not 4', { extensions: { code: 'CONFLICT' } })] });

describe('useEdit', () => {
  it('keeps the version the edit started from, whatever arrives later', () => {
    const reload = vi.fn();
    const { result, rerender } = renderHook((p: { current: V; version: number }) => useEdit(p.current, p.version, 'T1', undefined, reload),
      { initialProps: { current: { title: 'A', value: '10', owner: 'anna' }, version: 4 } });
    expect(result.current.start).toMatchObject({ version: 4, values: { title: 'A' } });
    // the record changed under the form (a refetch): the save must still say 4
    rerender({ current: { title: 'B', value: '10', owner: 'anna' }, version: 5 });
    expect(result.current.start).toMatchObject({ version: 4, values: { title: 'A' } });
    expect(result.current.initial).toEqual({ title: 'A', value: '10', owner: 'anna' });
    expect(reload).not.toHaveBeenCalled();
  });

  it('after a CONFLICT shows the new version with this person\'s changes on top, and saves against it', () => {
    const reload = vi.fn();
    type P = { current: V; version: number; error?: CombinedError };
    const { result, rerender } = renderHook((p: P) => useEdit(p.current, p.version, 'T1', p.error, reload),
      { initialProps: { current: { title: 'A', value: '10', owner: 'anna' }, version: 4 } as P });
    const before = result.current.formKey;
    // this person changed the value; meanwhile someone else changed the title
    act(() => result.current.saving({ title: 'A', value: '20', owner: 'anna' }, ['value']));
    rerender({ current: { title: 'A', value: '10', owner: 'anna' }, version: 4, error: conflict() });
    expect(reload).toHaveBeenCalledTimes(1);
    rerender({ current: { title: 'B', value: '10', owner: 'anna' }, version: 5, error: conflict() });
    expect(result.current.conflict).toBe(true);
    expect(result.current.start).toMatchObject({ version: 5, values: { title: 'B', value: '10' } });
    expect(result.current.initial).toEqual({ title: 'B', value: '20', owner: 'anna' });
    expect(result.current.formKey).not.toBe(before);
    // the refusal itself is told by the note, not shown as an error
    expect(result.current.error).toBeUndefined();
  });

  it('merges only the fields the save sent, and never those the new version locks', () => {
    type P = { current: V; version: number; error?: CombinedError; locked?: (keyof V)[] };
    const { result, rerender } = renderHook((p: P) => useEdit(p.current, p.version, 'T1', p.error, vi.fn(), p.locked),
      { initialProps: { current: { title: 'A', value: '10', owner: 'anna' }, version: 4 } as P });
    // "A " differs only by a space the save would not send; the value is locked once decided
    act(() => result.current.saving({ title: 'A ', value: '20', owner: 'oleg' }, ['value', 'owner']));
    rerender({ current: { title: 'B', value: '15', owner: 'anna' }, version: 5, error: conflict(), locked: ['value'] });
    expect(result.current.initial).toEqual({ title: 'B', value: '15', owner: 'oleg' });
    expect(result.current.reloading).toBe(false);
  });

  it('starts afresh for another record', () => {
    const { result, rerender } = renderHook((p: { current: V; version: number; key: string }) => useEdit(p.current, p.version, p.key, undefined, vi.fn()),
      { initialProps: { current: { title: 'A', value: '1', owner: 'x' }, version: 1, key: 'T1' } });
    rerender({ current: { title: 'Z', value: '9', owner: 'y' }, version: 7, key: 'T2' });
    expect(result.current.start).toMatchObject({ key: 'T2', version: 7, values: { title: 'Z' } });
  });
});

describe('changedFields', () => {
  it('names the form fields an input sets', () => {
    expect(changedFields({ title: 'x', clearOfferedRate: true, submissionDeadline: 'z' }, { submissionDeadline: 'deadline' }))
      .toEqual(['title', 'offeredRate', 'deadline']);
  });
});
