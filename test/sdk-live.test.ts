import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rowOf, tileOf } from '@heatlens/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { eventually, flush, startHarness, type Harness, useHarness } from './fixtures/sdk-harness.js';
import { hasChromium } from '@heatlens/testkit/chromium';

// Live-aware flushing: while an owner watches a page (a /live socket), the collector answers
// X-Heatlens-Flush: 500 and the visitor's cursor reaches the owner's snapshot; other pages keep the
// relaxed 5 s (a move there waits while the watched page's moves arrive). Delays are printed, not
// asserted; the freshness budget is measured by bench/freshness.mjs. Then the same SDK on Redis, and on the demo shop.

describe.runIf(hasChromium)('SDK live-aware flushing', () => {
  const h = useHarness();

  it('a watched page flushes every 500 ms and its cursor reaches the owner; others stay relaxed', async () => {
    // The owner: a /live socket for the page, opened from a page on the collector's origin.
    const owner = await (await h.browser.newContext()).newPage();
    await owner.goto(`${h.collector.url}/healthz`);
    await owner.evaluate(
      ({ token }) =>
        new Promise<void>((resolve, reject) => {
          const w = window as unknown as { frames_: { total: number; at: number }[] };
          w.frames_ = [];
          const ws = new WebSocket(
            `ws://${location.host}/live?site=demo&path=/live/watched&kind=move&window=5m&seg=all`,
            ['heatlens.v1', `token.${token}`],
          );
          ws.onmessage = (m) => {
            const f = JSON.parse(m.data as string) as { type: string; total: number };
            if (f.type == 'snapshot') w.frames_.push({ total: f.total, at: Date.now() });
            resolve();
          };
          ws.onerror = () => reject(new Error('live socket failed'));
        }),
      { token: h.token },
    );

    const headers = (seen: string[]) => async (page: Page) => {
      page.on('response', (r) => r.url().endsWith('/collect') && seen.push(r.headers()['x-heatlens-flush'] ?? ''));
    };
    const watchedHeaders: string[] = [];
    const quietHeaders: string[] = [];
    const watched = await h.open('/live/watched', headers(watchedHeaders));
    const quiet = await h.open('/live/quiet', headers(quietHeaders));
    // The first batch (the page view) goes at once and brings back the interval.
    await eventually(
      async () => watchedHeaders.length + quietHeaders.length,
      (n) => n >= 2,
    );
    expect(watchedHeaders[0]).toBe('500');
    expect(quietHeaders[0]).toBe('5000');

    // Cursor moves on the watched page: each reaches the collector on its own flush, then the owner.
    // The first move races one on the quiet page, just flushed: the watched one arrives first.
    await flush(quiet.page);
    await quiet.page.waitForTimeout(200);
    const quietBatches = quiet.batches.length;
    await quiet.page.mouse.move(300, 200, { steps: 2 });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = watched.of('move').length;
      const t0 = Date.now();
      await watched.page.mouse.move(100 + 150 * i, 150 + 40 * i, { steps: 2 });
      expect(
        await eventually(
          async () => watched.of('move').length,
          (n) => n > before,
          10_000,
        ),
      ).toBeGreaterThan(before);
      delays.push(Date.now() - t0);
      if (i === 0) expect(quiet.batches.length).toBe(quietBatches);
      await watched.page.waitForTimeout(300);
    }
    delays.sort((a, b) => a - b);
    console.log(`live flush: cursor -> collector delays (ms) ${delays.join(', ')}`);
    const frames = await eventually(
      () => owner.evaluate(() => (window as unknown as { frames_: { total: number }[] }).frames_),
      (f) => (f.at(-1)?.total ?? 0) >= watched.of('move').length,
      10_000,
    );
    expect(frames.at(-1)!.total).toBeGreaterThanOrEqual(watched.of('move').length);

    // The quiet page: after a flush, a move waits for the relaxed interval.
    await flush(quiet.page);
    await quiet.page.waitForTimeout(200);
    const before = quiet.batches.length;
    await quiet.page.mouse.move(400, 300, { steps: 2 });
    await quiet.page.waitForTimeout(1500);
    expect(quiet.batches.length).toBe(before);
    await owner.context().close();
  });
});

describe.runIf(hasChromium && redisAvailable())('SDK -> collector on Redis', () => {
  let redis: TestRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedis();
    h = await startHarness({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('clicks, moves and views land in Redis and read back exactly', async () => {
    const path = `/redis/${Date.now()}`;
    const { page, of, context } = await h.open(path);
    await page.mouse.move(200, 150, { steps: 3 });
    await page.waitForTimeout(300);
    await page.click('#buy');
    await page.click('#menu');
    await page.waitForTimeout(1100);
    await flush(page);
    await page.close();
    const s = await eventually(
      () => h.stats(path),
      (s) => s.clicks == 2,
    );
    expect(s).toMatchObject({ views: 1, visitors: 1, clicks: 2 });
    const m = await eventually(
      () => h.heatmap(path, 'move'),
      (m) => m.total == of('move').length,
    );
    const sent = new Set(
      of('move')
        .filter((e) => !(e.fixed && e.cx !== undefined))
        .map((e) => `${tileOf(e.x, e.w)},${rowOf(e.y)}`),
    );
    expect(new Set(m.tiles.map(([x, y]) => `${x},${y}`))).toEqual(sent);
    await context.close();
  });
});

const SHOP = fileURLToPath(new URL('../examples/shop/server.mjs', import.meta.url));

describe.runIf(hasChromium && existsSync(SHOP))('SDK on the demo shop', () => {
  const h = useHarness();
  let shop: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    const { startShop } = (await import(SHOP)) as {
      startShop(o: { port: number; collectorUrl: string }): Promise<typeof shop>;
    };
    shop = await startShop({ port: 0, collectorUrl: h.collector.url });
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('product pages count under their route template, with clicks and scroll depth', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    for (const id of [1, 2]) {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${shop.url}/product/${id}`);
      await page.waitForFunction(() => !!(window as { heatlens?: unknown }).heatlens);
      await page.mouse.click(300, 300);
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(200);
      await page.close();
    }
    const s = await eventually(
      () => h.stats('/product/7'),
      (s) => s.views == 2 && s.clicks == 2,
    );
    expect(s).toMatchObject({ path: '/product/:id', views: 2, clicks: 2 });
    expect(s.scroll.sessions).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
