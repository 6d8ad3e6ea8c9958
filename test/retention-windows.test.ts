import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector, type SiteConfig } from '@heatlens/collector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';

// The dashboard's window picker follows the chosen site's retentionDays: 90 d and 365 d are offered
// for a site that keeps them and shown disabled, with the reason, for one that does not.

const SDK_FILE = fileURLToPath(new URL('../packages/sdk/dist/heatlens.iife.js', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-results/retention/', import.meta.url));
const TOKEN = 'retention-read-token-0123';
const SITES: SiteConfig[] = [
  { id: 'shop', origins: ['https://shop.example'], readToken: TOKEN },
  { id: 'archive', origins: ['https://archive.example'], readToken: TOKEN, retentionDays: 400 },
];

describe.runIf(hasChromium)('window picker and site retention, in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sites: SITES,
      sdkFile: SDK_FILE,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  const disabled = (page: Page) =>
    page.$$eval('#windows input', (xs) => xs.filter((x) => (x as HTMLInputElement).disabled).map((x) => x.id));

  for (const width of [390, 1280])
    it(`${width} px: 90 d and 365 d off, with the reason, for a 30-day site; on for 400 days`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 }, locale: 'en-US' });
      try {
        await page.goto(`${collector.url}/#token=${TOKEN}`);
        await page.waitForSelector('#pages-table');
        await page.selectOption('#site', 'shop');
        await expect.poll(() => disabled(page)).toEqual(['window-90d', 'window-365d']);
        expect(await page.textContent('#windows .windows-note')).toBe("90 d, 365 d: past this site's 30-day retention");
        // 30 d sits between 24 h and 90 d, offered (and enabled) to a site keeping the default 30 days.
        expect(await page.$$eval('#windows input', (xs) => xs.map((x) => x.id))).toEqual(
          ['5m', '1h', '24h', '30d', '90d', '365d'].map((w) => `window-${w}`),
        );
        expect(await page.isDisabled('#window-30d')).toBe(false);
        expect(await page.getAttribute('label[for="window-365d"]', 'title')).toBe(
          'Needs 365 days of history; this site keeps 30 (retentionDays)',
        );
        await page.screenshot({ path: `${SHOTS}/picker-30-days-${width}.png` });
        await page.selectOption('#site', 'archive');
        await expect.poll(() => disabled(page)).toEqual([]);
        expect(await page.textContent('#windows .windows-note')).toBe('');
        await page.click('label[for="window-365d"]');
        await expect.poll(() => page.textContent('#summary'), { timeout: 10_000 }).toBeTruthy();
        expect(await page.isChecked('#window-365d')).toBe(true);
        await page.screenshot({ path: `${SHOTS}/picker-400-days-${width}.png` });
        // Back to the 30-day site: the 365 d choice falls back to the longest window it keeps.
        await page.selectOption('#site', 'shop');
        await expect.poll(() => page.isChecked('#window-30d')).toBe(true);
      } finally {
        await page.close();
      }
    });
});
