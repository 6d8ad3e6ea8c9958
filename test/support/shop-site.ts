import { startCollector, type CollectorOptions } from '@heatlens/collector';
import type { Heatmap, Stats } from '@heatlens/schema';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startShop, type Shop } from '../../examples/shop/server.mjs';

/**
 * The real collector (in-process, `options` over the test defaults) and the demo shop, whose pages
 * load its SDK and send to it; the demo site's read API with its read token. `close()` ends the
 * shop, then the collector.
 */
export async function startShopSite(options: CollectorOptions = {}) {
  const collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...options });
  const token = collector.sites[0]!.readToken;
  let shop: Shop;
  try {
    shop = await startShop({ port: 0, collectorUrl: collector.url });
  } catch (error) {
    await collector.close();
    throw error;
  }

  /** GET a read route of the demo site with `query`; expects 200. */
  const read = async <T>(route: string, query: Record<string, string>): Promise<T> => {
    const url = new URL(route, collector.url);
    for (const [k, v] of Object.entries({ site: 'demo', window: '5m', ...query })) url.searchParams.set(k, v);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status, `${route} ${JSON.stringify(query)}`).toBe(200);
    return (await res.json()) as T;
  };

  return {
    collector,
    shop,
    token,
    /** A page's figures over the last 5 minutes. */
    stats: (path: string) => read<Stats>('/api/stats', { path }),
    /** A page's map of `kind` over the last 5 minutes, all widths. */
    heatmap: (path: string, kind = 'move') => read<Heatmap>('/api/heatmap', { path, kind, seg: 'all' }),
    /** Open /live sockets on the collector (its Prometheus gauge). */
    liveViewers: async () => {
      const text = await (await fetch(new URL('/metrics', collector.url))).text();
      return Number(/^heatlens_live_viewers (\d+)/m.exec(text)?.[1] ?? NaN);
    },
    close: () => closeAll(shop, collector),
  };
}
export type ShopSite = Awaited<ReturnType<typeof startShopSite>>;

/**
 * A visitor's tab (a context of its own in `visitors`) at `url`, once its SDK's first batch is
 * accepted; resolves with the page and that answer.
 */
export async function openVisitor(visitors: Browser, url: string, viewport: { width: number; height: number }) {
  const page: Page = await (await visitors.newContext({ viewport })).newPage();
  const seen: string[] = [];
  const t0 = Date.now();
  page.on('request', (r) => seen.push(`${Date.now() - t0} ms: ${r.method()} ${r.url()}`));
  page.on('response', (r) => seen.push(`${Date.now() - t0} ms: ${r.status()} ${r.url()}`));
  page.on('requestfailed', (r) => seen.push(`${Date.now() - t0} ms: failed ${r.url()} ${r.failure()?.errorText}`));
  const firstBatch = () =>
    page.waitForResponse((r) => r.url().endsWith('/collect') && r.status() === 204, { timeout: 10_000 });
  let batch = firstBatch();
  await page.goto(url);
  let res = await batch.catch(() => null);
  if (!res) {
    // Seen a few times on a loaded machine: the page's request for <collector>/sdk.js never got
    // an answer. Say so, and load the page once more rather than fail on the harness.
    console.warn(`visitor: no first batch within 10 s; reloading. Requests:\n${seen.join('\n')}`);
    batch = firstBatch();
    await page.reload();
    res = await batch;
  }
  return { page, res };
}
