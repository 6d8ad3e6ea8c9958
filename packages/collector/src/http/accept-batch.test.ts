import type { IncomingMessage } from 'node:http';
import { FLUSH_HEADER } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type SiteConfig } from '../config.js';
import { createRateLimits, NO_RATE_LIMITS } from '../edge/rate-limits.js';
import type { FoldedBatch } from '../core/fold.js';
import { createMetrics } from '../metrics.js';
import { createSiteRegistry } from '../sites.js';
import { createMemoryStore } from '../store/memory.js';
import { StoreUnavailableError, type Store } from '../store/types.js';
import { acceptBatch, type AcceptDeps } from './accept-batch.js';

// acceptBatch is the write path after the body is in: no socket, no server. The HTTP edges
// (content type, body bounds, the deadline) are covered by the collect integration suites.

const NOW = Date.UTC(2026, 0, 1, 12);
const SITE: SiteConfig = { id: 'shop', origins: ['https://shop.example'], readToken: 'r'.repeat(32) };
const ORIGIN = 'https://shop.example';
const req = { headers: {}, socket: { remoteAddress: '203.0.113.9' } } as unknown as IncomingMessage;

function setup(o: { store?: Store; limits?: AcceptDeps['limits'] } = {}) {
  const recorded: FoldedBatch[] = [];
  const inner = o.store ?? createMemoryStore();
  const store: Store = { ...inner, record: (b) => (recorded.push(b), inner.record(b)) };
  const metrics = createMetrics();
  const deps: AcceptDeps = {
    config: resolveConfig({ sites: [SITE], now: () => NOW }),
    sites: createSiteRegistry([SITE]),
    store,
    metrics,
    limits: o.limits ?? NO_RATE_LIMITS,
  };
  const counted = async (name: 'events' | 'batches') =>
    Object.fromEntries((await metrics[name].get()).values.map((v) => [Object.values(v.labels).join('/'), v.value]));
  return { deps, recorded, counted };
}

const batch = (o: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      v: 1,
      id: 'b1',
      site: 'shop',
      sid: 's1',
      path: '/p',
      vw: 1280,
      sent: NOW,
      events: [
        { type: 'pageview', ts: NOW, vh: 800 },
        { type: 'move', ts: NOW, x: 10, y: 10, w: 1280, h: 4000 },
        { type: 'nope', ts: NOW },
      ],
      ...o,
    }),
  );

describe('acceptBatch', () => {
  it('answers 204 with the flush hint once the store has the batch, and a retry as a duplicate', async () => {
    const { deps, recorded, counted } = setup();
    const a = await acceptBatch(deps, batch(), ORIGIN, req);
    expect(a).toEqual({ status: 204, reason: 'accepted', n: 0, headers: { [FLUSH_HEADER]: expect.any(String) } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ site: 'shop', page: '/p', batchId: 'b1', accepted: 2 });
    expect((await acceptBatch(deps, batch(), ORIGIN, req)).status).toBe(204);
    expect(await counted('events')).toEqual({
      'accepted/ok': 2,
      'dropped/unknown_type': 2,
      'dropped/duplicate': 2,
    });
    expect(await counted('batches')).toEqual({ accepted: 1, duplicate: 1 });
  });

  it('refuses bad bodies with 400 and the schema error, counting the events they carried', async () => {
    const { deps, recorded } = setup();
    expect(await acceptBatch(deps, Buffer.from('{"v":1,'), ORIGIN, req)).toEqual({
      status: 400,
      error: 'body: invalid JSON',
      reason: 'invalid',
      n: 0,
    });
    const bad = await acceptBatch(deps, batch({ sid: 7 }), ORIGIN, req);
    expect(bad).toMatchObject({ status: 400, reason: 'invalid', n: 3 });
    expect(bad.error).toMatch(/^sid/);
    expect(recorded).toHaveLength(0);
  });

  it('refuses an unknown site and a foreign origin with 403', async () => {
    const { deps, recorded } = setup();
    expect(await acceptBatch(deps, batch({ site: 'other' }), ORIGIN, req)).toEqual({
      status: 403,
      error: 'site: unknown site "other"',
      reason: 'forbidden',
      n: 2, // the events it would have kept: unknown types are counted as such
    });
    expect(await acceptBatch(deps, batch(), 'https://evil.example', req)).toMatchObject({
      status: 403,
      error: 'origin: https://evil.example may not write to site "shop"',
    });
    expect(await acceptBatch(deps, batch(), undefined, req)).toMatchObject({ status: 403, error: /\(none\)/ });
    expect(recorded).toHaveLength(0);
  });

  it("answers 429 with Retry-After past the site's write budget", async () => {
    const limits = createRateLimits({ limits: { writesPerSite: { points: 1, seconds: 60 } }, timeoutMs: 1000 });
    const { deps } = setup({ limits });
    expect((await acceptBatch(deps, batch({ id: 'a' }), ORIGIN, req)).status).toBe(204);
    const a = await acceptBatch(deps, batch({ id: 'b' }), ORIGIN, req);
    expect(a).toMatchObject({
      status: 429,
      reason: 'rate_limited',
      n: 2,
      headers: { 'Retry-After': expect.any(Number) },
    });
    limits.close();
  });

  it('answers 503 with Retry-After when the store is unavailable, and throws anything else', async () => {
    const down = { ...createMemoryStore(), record: () => Promise.reject(new StoreUnavailableError('down')) };
    const a = await acceptBatch(setup({ store: down }).deps, batch(), ORIGIN, req);
    expect(a).toEqual({
      status: 503,
      error: 'store: unavailable, retry later',
      reason: 'store_unavailable',
      n: 2,
      headers: { 'Retry-After': 2 },
    });
    const broken = { ...createMemoryStore(), record: () => Promise.reject(new Error('bug')) };
    await expect(acceptBatch(setup({ store: broken }).deps, batch(), ORIGIN, req)).rejects.toThrow('bug');
  });
});
