import type { Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { clicksOn, heatInsideShare, takeCapture, uploadCapture, type CaptureMeta } from './support/page-capture.js';
import { postBatch } from './support/post-batch.js';
import { startDashboardCollector } from './support/dashboard-collector.js';

// The dashboard's page view over a page capture, end to end: the shop's home page captured at
// 1280 px (a full-page picture and the boxes of the clicked elements), uploaded through the
// collector's real `POST /api/captures`, clicks on those elements sent as batches, and the built
// dashboard in real Chromium at 1280 and 390 px: the heat as displayed must lie inside the
// recorded boxes (>= 90 %, as bench/fidelity scores the overlay), names are text, and the PNG
// export holds the picture and its legend.

const TARGETS = ['#hero-shop', '#download-catalogue', '#promo-badge', '#outbound-link', '#card-2', '#card-5'];
const XSS = '<img src=x onerror="window.__xss=1">Shop now';

describe.runIf(hasChromium)('dashboard page view over a capture', { timeout: 120_000 }, () => {
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let browser: Browser;
  let token: string;
  let meta: CaptureMeta;
  let captureId: string;

  beforeAll(async () => {
    ({ collector, token } = await startDashboardCollector());
    shop = await startShop({ port: 0, collectorUrl: collector.url });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(shop.url + '/');
    const capture = await takeCapture(page, TARGETS, { '#hero-shop': XSS });
    await page.close();
    meta = capture.meta;
    expect(meta.elements.map((e) => e.sel)).toEqual(TARGETS);
    captureId = await uploadCapture(collector.url, token, 'demo', '/', capture);
    const res = await postBatch(collector.url, shop.url, {
      id: 'capture-clicks-1',
      sid: 'visitor-1',
      path: '/',
      vw: 1280,
      events: [{ type: 'pageview', vh: 800 }, ...clicksOn(meta, (i) => 4 + 3 * i)],
    });
    expect(res.status).toBe(204);
  });

  afterAll(() => closeAll(browser, shop, collector));

  const clicks = () => meta.elements.reduce((n, _, i) => n + 4 + 3 * i, 0);

  /** The dashboard at `width`, signed in, the home page's click map open over the capture. */
  async function openView(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
    // The view opens from the fragment: the pages table is rebuilt at every hop, so a click on
    // one of its rows can land on a detached row on a loaded machine.
    await page.goto(`${collector.url}/#token=${token}&site=demo&path=%2F`);
    await page.waitForFunction(
      ([id, n]) =>
        document.getElementById('heat-stage')?.dataset.capture === id &&
        document.getElementById('heatmap')?.dataset.total === String(n) &&
        (document.getElementById('capture-img') as HTMLImageElement | null)?.complete === true,
      [captureId, clicks()] as const,
      { timeout: 30_000 },
    );
    return page;
  }

  for (const width of [1280, 390]) {
    it(`draws click heat inside the recorded boxes at a ${width} px dashboard`, async () => {
      const page = await openView(width);
      const stageWidth = await page.evaluate(() => document.getElementById('heat-stage')!.clientWidth);
      const scrollerWidth = await page.evaluate(() => document.getElementById('heat-scroll')!.clientWidth);
      expect(Math.abs(stageWidth - scrollerWidth)).toBeLessThanOrEqual(1); // fit to width
      const share = await heatInsideShare(
        page,
        meta.elements.map((e) => e.box),
        meta.width,
      );
      console.log(
        `page view ${width}: ${(share.inside * 100).toFixed(1)} % of heat inside the boxes ` +
          `(zoom ${share.zoom.toFixed(2)})`,
      );
      expect(share.total).toBeGreaterThan(0);
      expect(share.inside).toBeGreaterThanOrEqual(0.9);
      await page.close();
    });
  }

  it('shows element names as text, in the hover card and in "Most clicked", the selector in the title', async () => {
    const page = await openView(1280);
    const [x, y, w, h] = meta.elements[0]!.box;
    const box = (await page.locator('#heat-stage').boundingBox())!;
    const zoom = box.width / meta.width;
    await page.mouse.move(box.x + (x + w / 2) * zoom, box.y + (y + h / 2) * zoom);
    await page.waitForSelector('#heat-tip:not([hidden])');
    expect(await page.textContent('#heat-tip .tip-name')).toBe(XSS);
    expect(await page.textContent('#heat-tip .tip-sel')).toBe('#hero-shop');
    expect(await page.textContent('#heat-tip [data-tip="clicks"]')).toBe('4 clicks');
    expect(await page.locator('#heat-tip img').count()).toBe(0);
    const item = page.locator('[data-list="selectors"] .name[data-sel="#hero-shop"]');
    expect(await item.getAttribute('title')).toBe('#hero-shop');
    expect(await item.textContent()).toContain('Shop now');
    expect(await page.locator('#page-stats img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });

  it('downloads the composed view as a PNG holding the picture and the legend', async () => {
    const page = await openView(390);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#heat-png')]);
    expect(download.suggestedFilename()).toMatch(/^heatlens-demo-root-clicks-\d{4}-\d\d-\d\d\.png$/);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const png = readFileSync(file);
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Decoded in the page: the legend band on top (dark text on white, the heat ramp ending red),
    // the capture below it at page px.
    const read = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const band = ctx.getImageData(0, 0, img.width, 64).data;
      let dark = 0;
      for (let i = 0; i < band.length; i += 4) if (band[i]! < 80 && band[i + 1]! < 80 && band[i + 2]! < 80) dark++;
      const end = ctx.getImageData(200, 72, 1, 1).data;
      return { w: img.width, h: img.height, dark, end: [end[0], end[1], end[2]] };
    }, png.toString('base64'));
    expect(read.w).toBe(meta.width);
    expect(read.h).toBe(meta.height + 96);
    expect(read.dark).toBeGreaterThan(200); // the legend's text
    expect(read.end[0]).toBeGreaterThan(200); // the ramp's hot end: red
    expect(read.end[2]).toBeLessThan(60);
    await page.close();
  });
});
