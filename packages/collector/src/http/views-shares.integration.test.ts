import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Collector } from '../server.js';
import { fleetOn, startTestCollector } from '../test-support/test-collector.js';
import { SHARED_STORES } from '@heatlens/testkit/shared-stores';
import { SITES, batch, get, openLive, post } from '@heatlens/testkit/collector';

const SHOP = SITES[0]!.readToken;
const DAY = 24 * 3600_000;
const click = (x: number, y: number, sel: string) => ({ type: 'click', ts: Date.now(), x, y, w: 1000, h: 3000, sel });

function send(url: string, method: string, route: string, token: string, body?: unknown) {
  return fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}
const page = { site: 'shop', path: '/cart', kind: 'click', seg: 'all', window: '5m' } as const;
const heatmapOf = (p: Record<string, string>) => `/api/heatmap?${new URLSearchParams(p)}`;

/** Resolves with the close code when `ws` closes within `ms`; rejects otherwise. */
const closedWithin = (ws: WebSocket, ms: number) =>
  new Promise<number>((resolve, reject) => {
    ws.once('close', (code) => resolve(code));
    setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms).unref();
  });

describe('saved views, comparisons and read-only links', () => {
  let c: Collector;
  let clock = Date.now();
  beforeAll(async () => {
    c = await startTestCollector({ hopMs: 50, now: () => clock });
  });
  afterAll(() => c.close());
  const traffic = async (events: unknown[]) => {
    const r = await post(c.url, batch({ path: '/cart', sent: Date.now() }, events));
    expect(r.status).toBe(204);
  };
  const saveView = async (name = 'before') => {
    const r = await send(c.url, 'POST', '/api/views', SHOP, { ...page, name });
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const share = async (body: object) => {
    const r = await send(c.url, 'POST', '/api/shares', SHOP, body);
    expect(r.status).toBe(201);
    return (await r.json()) as { id: string; url: string; token: string; expiresAt: number };
  };

  it('freezes a view: more traffic leaves it as saved; listed per page; deleted', async () => {
    await traffic([click(100, 100, '#buy'), click(100, 100, '#buy')]);
    const id = await saveView();
    const saved = await (await get(c.url, `/api/views/${id}`, SHOP)).json();
    expect(saved).toMatchObject({ id, name: 'before', total: 2, kind: 'click', path: '/cart', captureId: null });
    await traffic([click(900, 100, '#new'), click(900, 100, '#new'), click(900, 100, '#new')]);
    expect((await (await get(c.url, heatmapOf(page), SHOP)).json()).total).toBe(5);
    expect(await (await get(c.url, `/api/views/${id}`, SHOP)).json()).toEqual(saved);
    const list = await (await get(c.url, '/api/views?site=shop&path=/cart', SHOP)).json();
    expect(list.views).toEqual([
      { id, name: 'before', kind: 'click', seg: 'all', window: '5m', savedAt: saved.savedAt, total: 2 },
    ]);
    await expect((await get(c.url, '/api/views?site=shop&path=/', SHOP)).json()).resolves.toEqual({ views: [] });
    expect((await get(c.url, `/api/views/${id}`, SITES[1]!.readToken)).status).toBe(403);
    expect((await send(c.url, 'DELETE', `/api/views/${id}`, SHOP)).status).toBe(204);
    expect((await get(c.url, `/api/views/${id}`, SHOP)).status).toBe(404);
  });

  it('compares the live map with a saved view: nothing against itself, the moved clicks after traffic', async () => {
    await traffic([click(100, 100, '#buy')]);
    const id = await saveView('cmp');
    const same = await (await get(c.url, heatmapOf({ ...page, compare: `view:${id}` }), SHOP)).json();
    expect(same.compare).toMatchObject({
      against: 'view',
      id,
      name: 'cmp',
      diff: { tiles: [], fixed: [], elements: [] },
    });
    await traffic(Array.from({ length: 20 }, () => click(900, 2000, '#moved')));
    const moved = await (await get(c.url, heatmapOf({ ...page, compare: `view:${id}` }), SHOP)).json();
    const pp = new Map(moved.compare.diff.tiles.map(([x, y, d]: number[]) => [`${x}:${y}`, d]));
    expect(pp.get('45:100')).toBeGreaterThan(0); // where the clicks are now: a rise
    expect(moved.compare.diff.elements[0]).toMatchObject({ sel: '#moved', then: 0 });
    expect(moved.compare.diff.elements[0].now).toBeGreaterThanOrEqual(20);
    const other = await get(c.url, heatmapOf({ ...page, kind: 'move', compare: `view:${id}` }), SHOP);
    expect(other.status).toBe(400);
  });

  it('compares a window with the one before, and says where the buckets do not allow it', async () => {
    const prev = await (await get(c.url, heatmapOf({ ...page, compare: 'previous' }), SHOP)).json();
    expect(prev.compare).toMatchObject({ against: 'previous', total: 0 });
    expect(prev.compare.to - prev.compare.from).toBe(5 * 60_000);
    const r = await get(c.url, heatmapOf({ ...page, window: '30d', compare: 'previous' }), SHOP);
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(/^compare: no stored buckets reach before the 30d window/);
  });

  it('lets a live link read its page live and nothing else', async () => {
    const s = await share({ ...page });
    expect(s.url).toBe(`${c.url}/share/${s.id}#${s.token}`);
    expect(s.expiresAt).toBe(clock + 7 * DAY);
    expect((await get(c.url, heatmapOf(page), s.token)).status).toBe(200);
    expect(await (await get(c.url, `/api/shares/${s.id}`, s.token)).json()).toEqual({
      id: s.id,
      ...page,
      expiresAt: s.expiresAt,
    });
    const refused = [
      heatmapOf({ ...page, path: '/' }), // another page
      heatmapOf({ ...page, site: 'blog' }), // another site
      heatmapOf({ ...page, kind: 'move' }),
      heatmapOf({ ...page, compare: 'previous' }),
      '/api/stats?site=shop&path=/cart',
      '/api/pages?site=shop',
      '/api/sites',
      '/api/views?site=shop&path=/cart',
    ];
    for (const route of refused) expect([route, (await get(c.url, route, s.token)).status]).toEqual([route, 403]);
    expect((await send(c.url, 'POST', '/api/views', s.token, { ...page, name: 'x' })).status).toBe(403);
    expect((await send(c.url, 'POST', '/api/shares', s.token, { ...page })).status).toBe(403);
    const live = await openLive(c.url, new URLSearchParams(page).toString(), s.token);
    await live.next((f) => f.type === 'snapshot');
    live.ws.close();
    await expect(openLive(c.url, 'site=shop&path=/&kind=click', s.token)).rejects.toThrow('upgrade refused: 403');
    await expect(openLive(c.url, 'site=shop', s.token)).rejects.toThrow('upgrade refused: 403');
  });

  it('lets a view link read its view alone', async () => {
    const id = await saveView('shared');
    const other = await saveView('not shared');
    const s = await share({ viewId: id, expiresInDays: 30 });
    expect(s.expiresAt).toBe(clock + 30 * DAY);
    expect((await (await get(c.url, `/api/views/${id}`, s.token)).json()).name).toBe('shared');
    expect((await get(c.url, `/api/views/${other}`, s.token)).status).toBe(403);
    expect((await get(c.url, heatmapOf(page), s.token)).status).toBe(403);
    await expect(openLive(c.url, new URLSearchParams(page).toString(), s.token)).rejects.toThrow(
      'upgrade refused: 403',
    );
  });

  it('answers a guessed token exactly as any wrong token', async () => {
    const s = await share({ ...page });
    const wrong = await get(c.url, heatmapOf(page), 'not-a-token-at-all-000000');
    const body = await wrong.text();
    expect(wrong.status).toBe(401);
    const secret = s.token.slice(s.token.lastIndexOf('.') + 1);
    const guesses = [
      // the link's id, another secret
      s.token.slice(0, -secret.length) + (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1),
      `hls.shop.${'A'.repeat(22)}.${secret}`, // no such link
      'hls.shop.short.secret', // not spelled as a link's token
      `hls.blog.${s.id.slice(5)}.${secret}`, // the id under another site
    ];
    for (const t of guesses) {
      const r = await get(c.url, heatmapOf(page), t);
      expect([t, r.status, await r.text(), r.headers.get('www-authenticate')]).toEqual([t, 401, body, 'Bearer']);
      await expect(openLive(c.url, new URLSearchParams(page).toString(), t)).rejects.toThrow('upgrade refused: 401');
    }
  });

  it('refuses a link longer than 90 days or of nothing', async () => {
    for (const body of [
      { ...page, expiresInDays: 91 },
      { ...page, expiresInDays: 0 },
      { viewId: 'x' },
      { site: 'shop' },
    ])
      expect((await send(c.url, 'POST', '/api/shares', SHOP, body)).status).toBe(400);
    expect((await send(c.url, 'POST', '/api/shares', SITES[1]!.readToken, { ...page })).status).toBe(403);
  });

  it('stops a link on revoke: 404 at once, its open socket closed within a second', async () => {
    const s = await share({ ...page });
    const live = await openLive(c.url, new URLSearchParams(page).toString(), s.token);
    await live.next((f) => f.type === 'snapshot');
    const closed = closedWithin(live.ws, 1000);
    expect((await send(c.url, 'DELETE', `/api/shares/${s.id}`, SHOP)).status).toBe(204);
    expect(await closed).toBe(4404);
    const r = await get(c.url, heatmapOf(page), s.token);
    expect([r.status, (await r.json()).error]).toEqual([404, 'share: this link was revoked or has expired']);
    await expect(openLive(c.url, new URLSearchParams(page).toString(), s.token)).rejects.toThrow(
      'upgrade refused: 404',
    );
    expect((await send(c.url, 'DELETE', `/api/shares/${s.id}`, SHOP)).status).toBe(404);
  });

  it('stops a link at its expiry: 404, its open socket closed within a second', async () => {
    const s = await share({ ...page, expiresInDays: 1 });
    const live = await openLive(c.url, new URLSearchParams(page).toString(), s.token);
    await live.next((f) => f.type === 'snapshot');
    expect((await get(c.url, heatmapOf(page), s.token)).status).toBe(200);
    const closed = closedWithin(live.ws, 1000);
    clock += DAY;
    expect(await closed).toBe(4404);
    expect((await get(c.url, heatmapOf(page), s.token)).status).toBe(404);
  });

  it('serves the shared page never indexed, never cached, without a referrer', async () => {
    const s = await share({ ...page });
    const r = await fetch(new URL(s.url).href.replace(/#.*/, ''));
    // The page is built with the dashboard; unbuilt, the route still answers with its own 404.
    expect([200, 404]).toContain(r.status);
    if (r.status === 200) {
      expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await r.text()).toContain('<meta name="robots" content="noindex">');
    }
    expect((await fetch(`${c.url}/share/nonsense`)).status).toBe(404);
  });
});

for (const store of SHARED_STORES) {
  describe.runIf(store.available())(`read-only links on ${store.name}, two collectors`, () => {
    const fleet = fleetOn(store, 2, { hopMs: 50 });
    let a: Collector;
    let b: Collector;
    beforeAll(() => {
      [a, b] = fleet as [Collector, Collector];
    });

    it('a link revoked on one collector closes its socket on the other within a second', async () => {
      const r = await send(a.url, 'POST', '/api/shares', SHOP, { ...page });
      const s = (await r.json()) as { id: string; token: string };
      const live = await openLive(b.url, new URLSearchParams(page).toString(), s.token);
      await live.next((f) => f.type === 'snapshot');
      const closed = closedWithin(live.ws, 1000);
      expect((await send(a.url, 'DELETE', `/api/shares/${s.id}`, SHOP)).status).toBe(204);
      expect(await closed).toBe(4404);
      expect((await get(b.url, heatmapOf(page), s.token)).status).toBe(404);
    });
  });
}
