import { parseLiveMessage } from '@heatlens/schema/parse-live';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, batch, openLive, post } from '@heatlens/testkit/collector';

describe('/live WebSocket feed', () => {
  let c: Collector;
  let offset = 0;
  const shop = SITES[0]!.readToken;
  beforeAll(async () => {
    c = await startTestCollector({ now: () => Date.now() + offset });
  });
  afterAll(() => c.close());

  it('sends a snapshot on connect, then the posted event within a hop, with stats', async () => {
    const live = await openLive(c.url, 'site=shop&path=/product/1&kind=click', shop);
    expect(live.ws.protocol).toBe('heatlens.v1');
    const first = await live.next((f) => f.type === 'snapshot');
    expect(first).toMatchObject({ site: 'shop', path: '/product/:id', kind: 'click', seg: 'all', total: 0, tiles: [] });
    const now = Date.now();
    const res = await post(
      c.url,
      batch({ path: '/product/9' }, [
        { type: 'click', ts: now, x: 100, y: 100, w: 1000, h: 1000, sel: 'a.x', ex: 0.5, ey: 0.25 },
      ]),
    );
    expect(res.status).toBe(204);
    // An owner watches this page now: the SDK is told to flush often.
    expect(res.headers.get('x-heatlens-flush')).toBe('500');
    const frame = await live.next((f) => f.type === 'snapshot' && f.total === 1);
    expect(frame.tiles).toEqual([[5, 5, 1]]);
    expect(frame.elements).toEqual([{ sel: 'a.x', count: 1, points: [[5, 2, 1]] }]);
    // What the extension and the dashboard accept (schema's frame parser).
    expect(parseLiveMessage(JSON.stringify(frame))).toMatchObject({ ok: true });
    expect(frame.stats).toMatchObject({ clicks: 1, selectors: [{ sel: 'a.x', count: 1 }] });
    live.ws.close();
  });

  it('shares one snapshot among viewers and fades a quiet page as tiles leave the window', async () => {
    const a = await openLive(c.url, 'site=shop&path=/fade&kind=move', shop);
    const b = await openLive(c.url, 'site=shop&path=/fade&kind=move', shop);
    await post(c.url, batch({ path: '/fade' }));
    const fa = await a.next((f) => f.total === 1);
    const fb = await b.next((f) => f.total === 1);
    expect(JSON.stringify(fa)).toBe(JSON.stringify(fb));
    const seen = a.frames.length;
    offset += 5 * 60_000 + 5_000; // nothing new arrives; the old tile leaves the window
    const faded = await a.next((f) => f.total === 0, 3000, seen);
    expect(faded.tiles).toEqual([]);
    a.ws.close();
    b.ws.close();
  });

  it('streams a site pages table without a path', async () => {
    const live = await openLive(c.url, 'site=shop&window=5m', shop);
    await post(c.url, batch({ path: '/pages-feed' }));
    const frame = await live.next(
      (f) => f.type === 'pages' && f.pages.some((p: { path: string }) => p.path === '/pages-feed'),
    );
    expect(frame.series.length).toBe(60);
    live.ws.close();
  });

  it.each([
    ['no token', 'site=shop&path=/', '', 401],
    ['a wrong token', 'site=shop&path=/', 'wrong-token-wrong-token', 401],
    ["another site's token", 'site=shop&path=/', SITES[1]!.readToken, 403],
    ['a bad kind', 'site=shop&path=/&kind=hover', SITES[0]!.readToken, 400],
  ])('refuses the upgrade with %s', async (_name, query, token, status) => {
    await expect(openLive(c.url, query, token)).rejects.toThrow(`upgrade refused: ${status}`);
  });

  it('refuses other paths and foreign web origins, accepts extensions', async () => {
    const ws = await import('ws');
    const refused = await new Promise<number>((resolve) => {
      const s = new ws.default(`${c.url.replace('http', 'ws')}/other`, ['heatlens.v1', `token.${shop}`]);
      s.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      s.on('error', () => resolve(-1));
    });
    expect(refused).toBe(404);
    await expect(openLive(c.url, 'site=shop&path=/', shop, { origin: 'https://evil.example' })).rejects.toThrow(
      'upgrade refused: 403',
    );
    const ext = await openLive(c.url, 'site=shop&path=/', shop, { origin: 'chrome-extension://abcdefghijklmnop' });
    ext.ws.close();
  });
});
