import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { cspViolations } from './support/csp.js';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// Where visitors come from, end to end: real visitors in Chromium, each with its own language
// and time zone (Playwright's `locale`, `timezoneId`) arriving from its own referrer, through
// the SDK to the collector; the dashboard's Sources panel must show exactly those counts, on
// the site overview and on the page view, and a referrer must filter the pages table.

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const ARTIFACTS = root('.artifacts');
const DASHBOARD_JS = root('packages/collector/public/assets/dashboard.js');
const SDK_FILE = SDK_BUNDLE;

const VISITORS = [
  {
    referer: 'https://news.ycombinator.com/item?id=42',
    locale: 'pt-BR',
    timezoneId: 'Europe/Lisbon',
    path: '/',
    width: 1440,
  },
  {
    referer: 'https://www.google.com/',
    locale: 'en-US',
    timezoneId: 'America/New_York',
    path: '/product/2',
    width: 1440,
  },
  { referer: 'https://t.co/abc', locale: 'ja-JP', timezoneId: 'Asia/Tokyo', path: '/', width: 390 },
  {
    referer: 'https://news.ycombinator.com/',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    path: '/guide',
    width: 1024,
  },
];

type Lists = Record<string, Record<string, string>>;

/** The Sources panel under `scope` as list -> value -> views. */
const readSources = (page: Page, scope: string): Promise<Lists> =>
  page.evaluate((s) => {
    const out: Record<string, Record<string, string>> = {};
    for (const list of document.querySelectorAll(`${s} [data-sources]`)) {
      const values: Record<string, string> = {};
      for (const li of list.querySelectorAll('li[data-value]'))
        values[li.getAttribute('data-value') ?? ''] =
          li.querySelector('[data-views]')?.getAttribute('data-views') ?? '';
      out[list.getAttribute('data-sources') ?? ''] = values;
    }
    return out;
  }, scope);

/** Wait until the panel under `scope` shows `want`; on timeout, fail with what it shows. */
async function expectSources(page: Page, scope: string, want: Lists): Promise<void> {
  await expect.poll(() => readSources(page, scope), { timeout: 10_000, interval: 50 }).toMatchObject(want);
}

describe.runIf(hasChromium)('Sources panel in Chromium', () => {
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let browser: Browser;
  let dash: Page;
  let token: string;

  beforeAll(async () => {
    for (const f of [DASHBOARD_JS, SDK_FILE])
      if (!existsSync(f)) throw new Error(`${f} is missing: run \`pnpm build\``);
    mkdirSync(ARTIFACTS, { recursive: true });
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sdkFile: SDK_FILE });
    token = collector.sites[0]!.readToken;
    shop = await startShop({ port: 0, collectorUrl: collector.url });
    browser = await launchChromium();
  });

  afterAll(() => closeAll(browser, shop, collector));

  it('counts visitors by referrer, language, time zone and region, and filters pages by referrer', async () => {
    for (const v of VISITORS) {
      const context = await browser.newContext({
        locale: v.locale,
        timezoneId: v.timezoneId,
        viewport: { width: v.width, height: 800 },
      });
      const page = await context.newPage();
      await page.goto(shop.url + v.path, { referer: v.referer });
      await page.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
      await page.goto('about:blank'); // pagehide: the SDK flushes its page view
      await context.close();
    }
    // One visitor types the shop's address (direct), then follows a link in it: internal navigation.
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await page.goto(`${shop.url}/`);
    await page.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
    await page.click('a[href="/product/2"]');
    await page.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
    await page.goto('about:blank');
    await context.close();

    dash = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: 'en-US' });
    const blocked = cspViolations(dash);
    await dash.goto(`${collector.url}/#token=${token}`);
    await expectSources(dash, '#sources', {
      referrers: { 'news.ycombinator.com': '2', 'google.com': '1', 't.co': '1', '(direct)': '1', '(internal)': '1' },
      languages: { pt: '1', en: '3', ja: '1', de: '1' },
      regions: { Europe: '4', America: '1', Asia: '1' },
      timeZones: {
        'Europe/Lisbon': '1',
        'America/New_York': '1',
        'Asia/Tokyo': '1',
        'Europe/Berlin': '1',
        'Europe/London': '2',
      },
      // Playwright's screen is the viewport; the last visitor has the default 1280x720.
      screens: { 'l 1440x800': '2', 'm 1024x800': '1', 's 390x800': '1', 'l 1280x720': '2' },
    });
    await dash.screenshot({ path: `${ARTIFACTS}/sources-1280.png`, fullPage: true });

    // A referrer row filters the pages table to the pages it led to.
    await dash.click('#sources [data-sources="referrers"] li[data-value="news.ycombinator.com"] button');
    await expect
      .poll(() =>
        dash.$$eval('#pages-table tr[data-path]', (rows) => rows.map((r) => r.getAttribute('data-path')).sort()),
      )
      .toEqual(['/', '/guide']);
    expect(await dash.textContent('#source-filter')).toContain('news.ycombinator.com');
    await dash.click('#source-filter button');
    await expect.poll(() => dash.$$eval('#pages-table tr[data-path]', (rows) => rows.length)).toBe(3);

    // The page view has its own Sources panel.
    await dash.click('tr[data-path="/product/:id"] th button');
    await expectSources(dash, '#page-stats', {
      referrers: { 'google.com': '1', '(internal)': '1' },
      regions: { America: '1', Europe: '1' },
    });

    await dash.setViewportSize({ width: 390, height: 900 });
    await dash.screenshot({ path: `${ARTIFACTS}/sources-390.png`, fullPage: true });
    await dash.locator('#sources-card').screenshot({ path: `${ARTIFACTS}/sources-390-panel.png` });
    // Readable on a phone: the panel is no wider than the screen.
    const overflow = await dash.$eval('#sources', (el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Share bars drawn under the dashboard's Content-Security-Policy (no inline style refused).
    expect(blocked).toEqual([]);
    expect(
      await dash.$eval(
        '#sources [data-sources="regions"] li[data-value="Europe"] .share > span',
        (el) => (el as HTMLElement).style.width,
      ),
    ).toBe('66.7%');
  });
});
