import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { cspViolations } from './support/csp.js';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';
import { postBatch } from './support/post-batch.js';
import { expectPageView, expectRow } from './support/dashboard-view.js';

// The live dashboard end to end: the real collector (in-process, with an injected clock) and the
// real shop, the built dashboard in real Chromium. Known visits go in (two through the real SDK
// on shop pages, the rest as batches with exact counts); the table and the page view must show
// exactly those numbers, then let them age out of the 5-minute window when the clock moves on,
// while the 1-hour window still has them. How soon they show is printed, not asserted: the
// wall clock of a loaded CI machine is no test (the freshness budget is bench/freshness.mjs's).

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const ARTIFACTS = root('.artifacts');
const DASHBOARD_JS = root('packages/collector/public/assets/dashboard.js');
const SDK_FILE = SDK_BUNDLE;

describe.runIf(hasChromium)('live dashboard in Chromium', () => {
  let offset = 0;
  const now = () => Date.now() + offset;
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let browser: Browser;
  let dash: Page;
  let blocked: string[] = [];
  let token: string;
  let batches = 0;

  /** POST a batch as the SDK would, from the shop's origin; returns the status. */
  async function post(sid: string, path: string, vw: number, events: Array<Record<string, unknown>>): Promise<number> {
    const t = now();
    const res = await postBatch(collector.url, shop.url, { id: `${sid}-${t}-${++batches}`, sid, path, vw, events }, t);
    if (res.status !== 204) console.error(`POST /collect ${res.status}: ${await res.text()}`);
    return res.status;
  }

  /** The collector's own numbers for the home page, over its read API. */
  async function homeStats(): Promise<{ views: number; clicks: number }> {
    const res = await fetch(`${collector.url}/api/stats?site=demo&path=%2F&window=5m`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await res.json()) as { views: number; clicks: number };
  }

  /** One real visitor: a fresh context opens a shop page, clicks the promo badge and leaves. */
  async function sdkVisit(context: BrowserContext, path: string): Promise<void> {
    const page = await context.newPage();
    await page.goto(shop.url + path);
    await page.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
    await page.click('#promo-badge');
    await page.goto('about:blank'); // pagehide: the SDK flushes what it holds
    await page.close();
  }

  beforeAll(async () => {
    if (!existsSync(DASHBOARD_JS))
      throw new Error(`${DASHBOARD_JS} is missing: run \`pnpm build\` (the collector's build:dashboard step)`);
    if (!existsSync(SDK_FILE)) throw new Error(`${SDK_FILE} is missing: run \`pnpm build\``);
    mkdirSync(ARTIFACTS, { recursive: true });
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', now, sdkFile: SDK_FILE });
    token = collector.sites[0]!.readToken;
    shop = await startShop({ port: 0, collectorUrl: collector.url });
    browser = await launchChromium();
    dash = await browser.newPage({ viewport: { width: 1600, height: 1300 }, locale: 'en-US' });
    blocked = cspViolations(dash);
  });

  afterAll(() => closeAll(browser, shop, collector));

  it('signs in with the read token and says how to get data when there is none', async () => {
    const res = await dash.goto(`${collector.url}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await dash.fill('#token', 'not-a-valid-token-at-all');
    await dash.click('#signin-submit');
    await expect.poll(() => dash.textContent('#signin-error')).toContain('not accepted');
    await dash.fill('#token', token);
    await dash.click('#signin-submit');
    await dash.waitForSelector('#pages-table tr.empty', { timeout: 5000 });
    const empty = await dash.textContent('#pages-table tr.empty');
    expect(empty).toContain('Add the script tag to your site');
    expect(empty).toContain(`${collector.url}/sdk.js`);
    expect(await dash.inputValue('#site')).toBe('demo');
    expect(await dash.evaluate(() => localStorage.getItem('heatlens.readToken'))).toBe(token);
  });

  it('shows scripted visits exactly, page view first, then the table', async () => {
    // Two real visitors on the home page, through the SDK. Their last batch leaves on pagehide
    // (keepalive), which the browser does not report to Playwright: wait for the collector instead.
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      await sdkVisit(context, '/');
      await context.close();
    }
    await expect.poll(() => homeStats().then((s) => [s.views, s.clicks]), { timeout: 10_000 }).toEqual([2, 2]);
    await expectRow(dash, '/', { visitors: '2', views: '2', clicks: '2' });

    // Round 1: one product visitor, so the product page can be opened before the last events.
    expect(
      await post('v1', '/product/2', 1440, [
        { type: 'pageview', vh: 800 },
        ...[0.2, 0.5, 0.8].map((f) => ({ type: 'click', x: 700, y: 1000 * f, w: 1440, h: 1000, sel: '#add-to-cart' })),
        { type: 'custom', name: 'add_to_cart' },
        { type: 'scroll', depth: 60 },
        { type: 'engagement', ms: 4000 },
      ]),
    ).toBe(204);
    await expectRow(dash, '/product/:id', { visitors: '1', views: '1', clicks: '3' });
    await dash.click('tr[data-path="/product/:id"] th button');
    await expectPageView(dash, { views: '1', clicks: '3', heatmap: '3' });

    // Round 2: the last events. Timed from the collector's answer to the last batch.
    const statuses = await Promise.all([
      post('v2', '/product/5', 390, [
        { type: 'pageview', vh: 700 },
        { type: 'click', x: 100, y: 300, w: 390, h: 1500, sel: '#add-to-cart', rage: true },
        { type: 'click', x: 120, y: 200, w: 390, h: 1500, sel: 'img.product-photo', dead: true },
        { type: 'scroll', depth: 100 },
        { type: 'engagement', ms: 2000 },
      ]),
      post('v3', '/signup', 1440, [
        { type: 'pageview', vh: 800 },
        { type: 'form', action: 'start', form: 'signup' },
        { type: 'click', x: 300, y: 400, w: 1440, h: 900, sel: '#signup-submit' },
        { type: 'form', action: 'submit', form: 'signup' },
        { type: 'download', url: `${shop.url}/files/catalogue.pdf` },
        { type: 'outbound', url: 'https://example.com/materials' },
        { type: 'engagement', ms: 5000 },
      ]),
      post('v4', '/signup', 1024, [
        { type: 'pageview', vh: 700 },
        { type: 'form', action: 'start', form: 'signup' },
        { type: 'image_view', src: '/img/gallery-1.svg' },
        { type: 'image_view', src: '/img/gallery-2.svg' },
        { type: 'media', kind: 'video', action: 'play', src: '/media/demo.webm' },
        { type: 'media', kind: 'video', action: 'p25', src: '/media/demo.webm' },
        { type: 'media', kind: 'video', action: 'p50', src: '/media/demo.webm' },
        { type: 'media', kind: 'audio', action: 'play', src: '/media/chime.ogg' },
        { type: 'engagement', ms: 1000 },
      ]),
    ]);
    expect(statuses).toEqual([204, 204, 204]);
    const t0 = performance.now();
    // The page view first: it is pushed every hop; the pages table refreshes once a second.
    const pageViewMs = await expectPageView(
      dash,
      { visitors: '2', views: '2', clicks: '5', rage: '1', dead: '1', heatmap: '5' },
      15_000,
    );
    await expectRow(
      dash,
      '/product/:id',
      {
        visitors: '2',
        views: '2',
        events: '12',
        clicks: '5',
        rage: '1',
        dead: '1',
        reach25: '100%',
        reach50: '100%',
        reach75: '50%',
        reach100: '50%',
        'form-starts': '0',
        'media-plays': '0',
        engaged: '3 s',
        custom: '1',
      },
      15_000,
    );
    await expectRow(
      dash,
      '/signup',
      {
        visitors: '2',
        views: '2',
        events: '16',
        clicks: '1',
        'form-starts': '2',
        'form-submits': '1',
        'form-abandon': '50%',
        'media-plays': '2',
        'media-quartiles': '1 · 1 · 0 · 0',
        downloads: '1',
        images: '2',
        outbound: '1',
        engaged: '3 s',
        custom: '0',
      },
      15_000,
    );
    const tableMs = performance.now() - t0;
    console.log(
      `dashboard freshness: page view ${pageViewMs.toFixed(0)} ms, table ${tableMs.toFixed(0)} ms after the last ` +
        `batch's 204`,
    );
    expect(await dash.textContent('[data-summary="pages"]')).toBe('3');
    // The chart plots the same events the summary counts, with uPlot's canvas.
    expect(await dash.getAttribute('#chart', 'data-total')).toBe(await dash.textContent('[data-summary="events"]'));
    expect(await dash.locator('#chart canvas').count()).toBeGreaterThan(0);
    expect(Number(await dash.textContent('[data-summary="rate"]'))).toBeGreaterThan(0);
    // Ranked by activity (events in the window): /signup (16) above /product/:id (12).
    const order = await dash.$$eval('#pages-table tbody tr[data-path]', (rows) =>
      rows.map((r) => r.getAttribute('data-path')),
    );
    expect(order.indexOf('/signup')).toBeLessThan(order.indexOf('/product/:id'));
  });

  it('draws the page view per width segment and per kind from the same snapshots', async () => {
    await dash.selectOption('#seg', 's');
    await expectPageView(dash, { heatmap: '2' }); // v2, 390 px wide
    await dash.selectOption('#seg', 'l');
    await expectPageView(dash, { heatmap: '3' }); // v1, 1440 px wide
    await dash.selectOption('#seg', 'm');
    await expectPageView(dash, { heatmap: '0' });
    expect(await dash.textContent('#heatmap-meta')).toContain('No clicks on this page');
    await dash.selectOption('#seg', 'all');
    await dash.selectOption('#kind', 'scroll');
    await expectPageView(dash, { heatmap: '2', reach: '100% / 100% / 50% / 50%' }); // two sessions reported a depth
    await dash.selectOption('#kind', 'click');
    await expectPageView(dash, { heatmap: '5' });
    await dash.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });
  });

  it('ages the visits out of the 5-minute window, and keeps them in the 1-hour window', async () => {
    offset += 5 * 60_000 + 10_000;
    await dash.waitForSelector('#pages-table tr.empty', { timeout: 5000 });
    await expectPageView(dash, { views: '0', clicks: '0', heatmap: '0' });
    expect(await dash.textContent('#heatmap-meta')).toContain('run `pnpm simulate`');
    await dash.check('#window-1h');
    await expectRow(dash, '/product/:id', { visitors: '2', views: '2', clicks: '5' });
    await expectRow(dash, '/signup', { views: '2', 'form-submits': '1' });
    await expectPageView(dash, { views: '2', clicks: '5', heatmap: '5' });
    expect(await dash.textContent('#heatmap-meta')).toContain('last hour');
    await dash.screenshot({ path: `${ARTIFACTS}/dashboard-1h.png`, fullPage: true });
  });

  it('ran under its Content-Security-Policy without a refusal (scripts, styles, fetches, /live)', () => {
    expect(blocked).toEqual([]);
  });
});
