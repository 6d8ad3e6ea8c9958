import { join } from 'node:path';
import { startCollector, type Collector } from '@heatlens/collector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { planVisitor } from '../examples/shop/simulate/plan-visitor.mjs';
import { createRandom } from '../examples/shop/simulate/random.mjs';
import { sendVisitor } from '../examples/shop/simulate/send-visitor.mjs';
import { shopClicks } from '../examples/shop/simulate/shop-clicks.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// The owner's first hour in the dashboard, in real Chromium at a laptop's and a phone's width:
// pages opened as `localhost` while the sites file lists `127.0.0.1` are refused, and the setup
// panel says so with the origin and what to do (before, the dashboard showed nothing); with "1 h"
// chosen, the headline counts the hour's events, the table's sum (before: the last 5 minutes' 0).
// HEATLENS_SCREENSHOTS=<dir> keeps the pictures.

const SDK_FILE = SDK_BUNDLE;
const TOKEN = 'setup-read-token-0123456789';
const shots = process.env.HEATLENS_SCREENSHOTS;

describe.runIf(hasChromium)('dashboard: setup panel and the chosen window', () => {
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    shop = await startShop({ port: 0 });
    collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sdkFile: SDK_FILE,
      sites: [{ id: 'demo', origins: [shop.url], readToken: TOKEN }],
    });
    browser = await launchChromium();
    // Simulated visitors from the allowed origin, then a page opened as localhost: refused.
    const { layoutFor } = shopClicks();
    const rnd = createRandom(5);
    for (let i = 0; i < 12; i++)
      await sendVisitor(planVisitor(rnd, { layoutFor }), {
        collectorUrl: collector.url,
        origin: shop.url,
        site: 'demo',
        speed: Infinity,
      });
    const wrong = shop.url.replace('127.0.0.1', 'localhost');
    for (let i = 0; i < 3; i++)
      await sendVisitor(planVisitor(rnd, { layoutFor }), {
        collectorUrl: collector.url,
        origin: wrong,
        site: 'demo',
        speed: Infinity,
      });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await shop?.close();
  });

  async function open(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${collector.url}/#token=${TOKEN}`);
    await page.waitForSelector('#pages-table tbody tr[data-path]');
    return page;
  }

  for (const width of [1280, 390])
    it(`${width} px: the refused origin, its count and what to do; "1 h" counts the hour`, async () => {
      const page = await open(width);
      try {
        const origin = page.locator('#setup [data-reason="origin"]');
        await origin.waitFor();
        const text = (await origin.textContent())!;
        expect(text).toMatch(/\d+ batch(es)? refused in the last hour: origin not allowed/);
        expect(text).toContain(shop.url.replace('127.0.0.1', 'localhost'));
        expect(text).toContain(`allows ${shop.url}`);
        expect(text).toContain('Add the origin');
        expect(await page.locator('#setup [data-setup="last"]').count()).toBe(1);
        if (shots) await page.screenshot({ path: join(shots, `setup-panel-${width}.png`), fullPage: false });

        await page.click('label[for="window-1h"], #window-1h');
        await expect
          .poll(async () => page.textContent('#summary'), { timeout: 10_000 })
          .toContain('events in the last hour');
        const table = await page.$$eval('#pages-table tbody tr [data-col="events"]', (cells) =>
          cells.reduce((a, c) => a + Number(c.textContent!.replace(/[^\d]/g, '')), 0),
        );
        const events = Number((await page.textContent('[data-summary="events"]'))!.replace(/[^\d]/g, ''));
        expect(table).toBeGreaterThan(0);
        expect(events).toBe(table);
        expect(await page.textContent('#summary')).toMatch(/pages in the last hour/);
        expect(await page.textContent('[data-summary="chart"]')).toMatch(/per 1 min, last hour/);
        if (shots) await page.screenshot({ path: join(shots, `dashboard-window-${width}.png`), fullPage: false });
      } finally {
        await page.close();
      }
    }, 60_000);
});
