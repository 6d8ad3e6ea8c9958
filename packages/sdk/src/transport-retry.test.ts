import { describe, expect, test, vi } from 'vitest';
import { freshPageEachTest } from './test-support/dom.js';
import { custom, fakeSend } from './test-support/fake-send.js';
import { createTransport } from './transport.js';

freshPageEachTest(1_700_000_000_000);

describe('createTransport retries', () => {
  test('retries 503 after Retry-After with the same batch id and a fresh `sent`', async () => {
    const { send, calls } = fakeSend((n) => (n == 1 ? { status: 503, headers: { 'Retry-After': '3' } } : 204));
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    t.flush();
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.batch.id).toBe(calls[0]!.batch.id);
    expect(calls[1]!.batch.sent - calls[0]!.batch.sent).toBe(3000);
    expect(calls[1]!.batch.events).toEqual(calls[0]!.batch.events);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(2);
    t.close();
  });

  test.each([408, 429, 500, 502])('retries status %i', async (status) => {
    const { send, calls } = fakeSend((n) => (n == 1 ? status : 204));
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    t.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    t.close();
  });

  test.each([400, 403, 404, 413])('never retries status %i', async (status) => {
    const { send, calls } = fakeSend(() => status);
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    t.flush();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(1);
    t.close();
  });

  test('backs off exponentially with jitter on network errors, 6 sends at most', async () => {
    const { send, calls } = fakeSend(() => new TypeError('Failed to fetch'));
    const sentAt: number[] = [];
    const t = createTransport({
      endpoint: 'https://c.example',
      site: 'demo',
      send: (u, b, f) => (sentAt.push(Date.now()), send(u, b, f)),
    });
    t.push(custom('a'));
    t.flush();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(6);
    const gaps = sentAt.slice(1).map((s, i) => s - sentAt[i]!);
    // attempt n waits between 500 * 2^n and twice that
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(500 * 2 ** (i + 1));
      expect(g).toBeLessThanOrEqual(1000 * 2 ** (i + 1));
    });
    expect(new Set(calls.map((c) => c.batch.id)).size).toBe(1);
    t.close();
  });

  test('jitter spreads the retries of different visitors', async () => {
    const delays = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const { send, calls } = fakeSend((n) => (n == 1 ? new TypeError('offline') : 204));
      const start = Date.now();
      let second = 0;
      const t = createTransport({
        endpoint: 'https://c.example',
        site: 'demo',
        send: (u, b, f) => (calls.length && (second = Date.now() - start), send(u, b, f)),
      });
      t.push(custom('a'));
      t.flush();
      await vi.advanceTimersByTimeAsync(5000);
      delays.add(second);
      t.close();
    }
    expect(delays.size).toBeGreaterThan(1);
  });
});
