import { MAX_BODY_BYTES, type Batch } from '@heatlens/schema';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, hide, useHarness, BUILDS } from './fixtures/sdk-harness.js';
import { hasChromium } from '@heatlens/testkit/chromium';

// Unload under the browser's 64 KiB in-flight keepalive quota: with a long flush interval, two
// single-page-app pages' worth of clicks are all queued when the tab is hidden and closed.

/** Records every body the SDK hands to `fetch` (Playwright does not report keepalive requests). */
const record = (p: Page) =>
  p.addInitScript(() => {
    const w = window as unknown as { sent: string[] };
    const f = window.fetch;
    w.sent = [];
    window.fetch = (u, init) => (w.sent.push(String(init?.body)), f(u, init));
  });
const sent = async (p: Page) =>
  (await p.evaluate(() => (window as unknown as { sent: string[] }).sent)).map((b) => JSON.parse(b) as Batch);

/** 110 clicks on a button with a long selector (~330 bytes of JSON each), then a pushState. */
async function clicks(page: Page, n: number) {
  for (let i = 0; i < n; i++) await page.mouse.click(800, 130 + (i % 20));
}

for (const [build, pre] of BUILDS)
  describe.runIf(hasChromium)(`SDK at unload (${build})`, () => {
    // The collector's idle interval would override the page's own: both say 60 s.
    const h = useHarness({ flushIdleMs: 60_000 }, 'data-flush-ms="60000"', { flushMs: 60000 });

    it('6. at page hide every queued path gets its clicks, bodies stay under the quota, moves go last', async () => {
      const { page, batches } = await h.open(`${pre}/field/spa/one`, record);
      await eventually(
        async () => batches.length,
        (n) => n > 0,
      );
      await clicks(page, 110);
      await page.evaluate((p) => history.pushState(null, '', p + '/field/spa/two'), pre);
      for (let i = 0; i < 40; i++) await page.mouse.move(100 + i * 10, 500 + i);
      await clicks(page, 110);
      const first = (await sent(page)).length;
      await hide(page);
      const final = (await sent(page)).slice(first);
      expect(new Set(final.map((b) => b.path))).toEqual(new Set([`${pre}/field/spa/one`, `${pre}/field/spa/two`]));
      await page.close();
      const bytes = final.reduce((n, b) => n + Buffer.byteLength(JSON.stringify(b)), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
      // Clicks of both pages arrived (the collector counts them), moves were the ones dropped.
      const one = await eventually(
        () => h.stats(`${pre}/field/spa/one`),
        (s) => s.clicks >= 110,
      );
      const two = await eventually(
        () => h.stats(`${pre}/field/spa/two`),
        (s) => s.clicks > 0,
      );
      expect(one.clicks).toBe(110);
      expect(two.clicks).toBeGreaterThan(0);
      const kinds = final.flatMap((b: Batch) => b.events.map((e) => e.type));
      expect(kinds.lastIndexOf('click')).toBeLessThan(kinds.includes('move') ? kinds.indexOf('move') : Infinity);
    });

    it('6b. what was dropped at page hide is counted in the next batch, and the collector accepts it', async () => {
      const { page, batches } = await h.open(`${pre}/field/spa/three`, record);
      await eventually(
        async () => batches.length,
        (n) => n > 0,
      );
      // More than the quota holds: the button's selector is short (~150 bytes of JSON a click).
      await clicks(page, 260);
      for (let i = 0; i < 100; i++) await page.mouse.move(100 + i * 5, 500 + (i % 50));
      await clicks(page, 260);
      await hide(page);
      await page.waitForTimeout(200);
      // Back to the tab: the next batch reports the drop.
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        window.heatlens!.track('back');
        window.heatlens!.flush();
      });
      const last = (await sent(page)).at(-1)!;
      expect(last.events.map((e) => e.type)).toContain('custom');
      expect(last.dropped).toBeGreaterThan(0);
      const s = await eventually(
        () => h.stats(`${pre}/field/spa/three`),
        (x) => x.custom.length > 0,
      );
      expect(s.custom).toEqual([expect.objectContaining({ name: 'back' })]);
    });
  });
