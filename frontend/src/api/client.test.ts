import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithRetry } from './client';

const answer = (status: number, retryAfter?: string) =>
  new Response(status === 429 ? '{"errors":[{"message":"busy","extensions":{"code":"TOO_MANY_REQUESTS"}}]}' : '{"data":{}}',
    { status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });

describe('fetchWithRetry', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('waits as long as Retry-After says and asks again', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(answer(429, '2')).mockResolvedValueOnce(answer(200));
    vi.stubGlobal('fetch', fetch);
    const waits: number[] = [];
    const res = await fetchWithRetry('/graphql', { method: 'POST', body: '{}' }, async (ms) => { waits.push(ms); });
    expect(res.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([2000]);
  });

  it('gives up after two more tries and hands the refusal on', async () => {
    const fetch = vi.fn().mockImplementation(async () => answer(429));
    vi.stubGlobal('fetch', fetch);
    const waits: number[] = [];
    const res = await fetchWithRetry('/graphql', {}, async (ms) => { waits.push(ms); });
    expect(res.status).toBe(429);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('leaves every other answer alone', async () => {
    for (const status of [200, 400, 401, 500]) {
      const fetch = vi.fn().mockResolvedValueOnce(answer(status));
      vi.stubGlobal('fetch', fetch);
      const res = await fetchWithRetry('/graphql', {}, async () => { throw new Error('no wait expected'); });
      expect(res.status).toBe(status);
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });
});
