import { parseBatch } from '@heatlens/schema';
import { describe, expect, test, vi } from 'vitest';
import { freshPageEachTest, setVisibility } from './test-support/dom.js';
import { custom, fakeSend } from './test-support/fake-send.js';
import { createTransport } from './transport.js';

freshPageEachTest(1_700_000_000_000);

describe('createTransport', () => {
  test('sends the first batch at once, later ones flushMs after their first event, to {endpoint}/collect', async () => {
    const { send, calls } = fakeSend();
    const start = Date.now();
    const t = createTransport({ endpoint: 'https://c.example/', site: 'demo', send });
    t.push(custom('a'));
    t.push(custom('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    t.push(custom('c'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    const { url, batch } = calls[0]!;
    expect(url).toBe('https://c.example/collect');
    expect(parseBatch(batch).ok).toBe(true);
    expect(batch).toMatchObject({ v: 1, site: 'demo', path: '/', vw: innerWidth, sent: start });
    expect(batch.id).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    expect(batch.events.map((e) => (e as { name: string }).name)).toEqual(['a', 'b']);
    expect(calls[1]!.batch.sent).toBe(start + 5000);
    t.close();
  });

  test('keeps the session id in sessionStorage and a fresh id per batch', async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    t.flush();
    t.push(custom('b'));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]!.batch.sid).toBe(calls[1]!.batch.sid);
    expect(sessionStorage.getItem('heatlens:sid')).toBe(calls[0]!.batch.sid);
    expect(calls[0]!.batch.id).not.toBe(calls[1]!.batch.id);
    t.close();
  });

  test('switches to the interval the collector names in X-Heatlens-Flush, and back', async () => {
    let flush = '500';
    const { send, calls } = fakeSend(() => ({ status: 204, headers: { 'X-Heatlens-Flush': flush } }));
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    t.push(custom('b'));
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(2);
    flush = '5000';
    t.push(custom('c'));
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(3);
    t.push(custom('d'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(4);
    t.close();
  });

  test.each(['0', '-50', 'soon'])('a flush header of %j never means a request per event', async (value) => {
    const { send, calls } = fakeSend(() => ({ status: 204, headers: { 'X-Heatlens-Flush': value } }));
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 50; i++) {
      t.push(custom('b' + i));
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(calls.length).toBeLessThanOrEqual(2);
    t.close();
  });

  test('bounds the queue: past maxQueue the oldest events are dropped and counted', async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send, maxQueue: 5 });
    for (let i = 0; i < 8; i++) t.push(custom('e' + i));
    expect(t.dropped).toBe(3);
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]!.batch.events.map((e) => (e as { name: string }).name)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    t.close();
  });

  test('splits batches at 500 events', async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send, maxQueue: 2000 });
    for (let i = 0; i < 1200; i++) t.push(custom('e' + i));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.batch.events.length)).toEqual([500, 500, 200]);
    for (const c of calls) expect(parseBatch(c.batch).ok).toBe(true);
    t.close();
  });

  test('splits batches under 60 KiB of UTF-8, so each fits the 64 KiB keepalive and body caps', async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    // 3-byte characters: 128 of them are 384 bytes of UTF-8 per name.
    for (let i = 0; i < 400; i++) t.push(custom('€'.repeat(127) + (i % 10)));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.reduce((n, c) => n + c.batch.events.length, 0)).toBe(400);
    for (const c of calls) {
      expect(new Blob([JSON.stringify(c.batch)]).size).toBeLessThanOrEqual(64 * 1024);
      expect(parseBatch(c.batch).ok).toBe(true);
    }
    t.close();
  });

  test("an event pushed with the URL it belongs to goes in that page's batch", async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('late'), 'https://shop.example/before?q=1');
    t.push(custom('now'));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.batch.path)).toEqual(['/before', location.pathname]);
    t.close();
  });

  test('puts events of different paths in different batches (single-page-app navigation)', async () => {
    const { send, calls } = fakeSend();
    let path = '/a';
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send, path: () => path });
    t.push(custom('1'));
    t.push(custom('2'));
    path = '/b';
    t.push(custom('3'));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => [c.batch.path, c.batch.events.length])).toEqual([
      ['/a', 2],
      ['/b', 1],
    ]);
    t.close();
  });

  test('flushes at once, marked final, when the page is hidden', async () => {
    const { send, calls } = fakeSend();
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    setVisibility('hidden');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.final).toBe(true);
    t.close();
  });

  test('clear() drops the queue; close() stops retries and hidden flushes', async () => {
    const { send, calls } = fakeSend(() => 503);
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send });
    t.push(custom('a'));
    t.clear();
    t.flush();
    expect(calls).toHaveLength(0);
    t.push(custom('b'));
    t.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(1);
    t.push(custom('c'));
    setVisibility('hidden');
    expect(calls).toHaveLength(1);
  });

  test('a send that throws synchronously is treated as a network error, never thrown', async () => {
    let n = 0;
    const t = createTransport({
      endpoint: 'https://c.example',
      site: 'demo',
      send: () => {
        n++;
        throw new Error('blocked');
      },
    });
    t.push(custom('a'));
    expect(() => t.flush()).not.toThrow();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(n).toBe(6);
    t.close();
  });

  test('the default send posts text/plain with keepalive', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204, headers: { 'X-Heatlens-Flush': '500' } }));
    vi.stubGlobal('fetch', fetch);
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo' });
    t.push(custom('a'));
    t.flush();
    await vi.advanceTimersByTimeAsync(0);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://c.example/collect');
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    expect(typeof init.body).toBe('string'); // a string body is sent as text/plain: no CORS preflight
    expect(new Request(url, init).headers.get('content-type')).toMatch(/^text\/plain/);
    vi.unstubAllGlobals();
    t.close();
  });
});
