import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { clicksOn, heatInsideShare, takeCapture, uploadCapture, type CaptureMeta } from './support/page-capture.js';
import { postBatch } from './support/post-batch.js';
import { startDashboardCollector } from './support/dashboard-collector.js';

// The dashboard's page view under "All widths" mixes widths as the overlay does: tile positions
// are layout positions, so only the tiles of the picture's width segment are drawn and the other
// widths' clicks are drawn inside their elements, the legend saying what share came from them.
// Two members: a 1280 px capture with phone (390 px) and desktop clicks, and a 390 px capture
// with desktop and phone clicks (the other way round). The shop's home page is captured at both
// widths; each capture is uploaded under its own path, and each path gets the clicks of both
// layouts on the same elements, each at its own layout's position.

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const IMG = root('docs/img');
const TARGETS = ['#hero-shop', '#download-catalogue', '#outbound-link', '#card-2', '#card-5'];
const OTHER_PER = (i: number) => 6 + 2 * i; // the other width's clicks per element: the larger share
const OWN_PER = (i: number) => 3 + i;
const LOOSE = 8; // the other width's clicks on no element, drawn from its tiles before

describe.runIf(hasChromium)('dashboard "All widths" over a capture', { timeout: 180_000 }, () => {
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let browser: Browser;
  let token: string;
  const metas: Record<number, CaptureMeta> = {};

  /** Clicks on no element (a heading, empty space) near the top of the layout: tiles only. */
  const loose = (meta: CaptureMeta) =>
    Array.from({ length: LOOSE }, (_, k) => ({
      type: 'click',
      x: meta.width / 2 + k,
      y: 120 + k,
      w: meta.width,
      h: meta.height,
    }));

  async function send(path: string, meta: CaptureMeta, per: (i: number) => number, id: string, extra = 0) {
    const res = await postBatch(collector.url, shop.url, {
      id,
      sid: `visitor-${id}`,
      path,
      vw: meta.width,
      events: [{ type: 'pageview', vh: 800 }, ...clicksOn(meta, per), ...(extra ? loose(meta) : [])],
    });
    expect(res.status).toBe(204);
  }

  const sum = (per: (i: number) => number) => TARGETS.reduce((n, _, i) => n + per(i), 0);

  beforeAll(async () => {
    ({ collector, token } = await startDashboardCollector());
    shop = await startShop({ port: 0, collectorUrl: collector.url });
    browser = await launchChromium();
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(shop.url + '/');
      const capture = await takeCapture(page, TARGETS);
      await page.close();
      expect(capture.meta.width).toBe(width);
      expect(capture.meta.elements.map((e) => e.sel)).toEqual(TARGETS);
      metas[width] = capture.meta;
      await uploadCapture(collector.url, token, 'demo', `/w${width}`, capture);
    }
    // Each path: its capture's width's own clicks, and the other width's (more of them).
    await send('/w1280', metas[1280]!, OWN_PER, 'a-own');
    await send('/w1280', metas[390]!, OTHER_PER, 'a-other', LOOSE);
    await send('/w390', metas[390]!, OWN_PER, 'b-own');
    await send('/w390', metas[1280]!, OTHER_PER, 'b-other', LOOSE);
  });

  afterAll(() => closeAll(browser, shop, collector));

  /** The dashboard at `width`, the click map of `path` under "All widths", drawn over its capture. */
  async function openView(width: number, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
    await page.goto(`${collector.url}/#token=${token}&site=demo&path=${encodeURIComponent(path)}`);
    await page.waitForFunction(
      (n) =>
        document.getElementById('heat-stage')?.dataset.capture !== '' &&
        document.getElementById('heatmap')?.dataset.total === String(n) &&
        (document.getElementById('capture-img') as HTMLImageElement | null)?.complete === true,
      sum(OWN_PER) + sum(OTHER_PER) + LOOSE,
      { timeout: 30_000 },
    );
    return page;
  }

  const cases = [
    { capture: 1280, other: 390, dashboard: [1280, 390] },
    { capture: 390, other: 1280, dashboard: [390] },
  ] as const;
  for (const c of cases)
    for (const width of c.dashboard)
      it(`${c.capture} px capture, ${c.other} px clicks: heat in the elements, share said (${width} px)`, async () => {
        const page = await openView(width, `/w${c.capture}`);
        const meta = metas[c.capture]!;
        // The other width's share of the samples, as the legend line says it.
        const pct = Math.round(((sum(OTHER_PER) + LOOSE) / (sum(OWN_PER) + sum(OTHER_PER) + LOOSE)) * 100);
        const share = await heatInsideShare(
          page,
          meta.elements.map((e) => e.box),
          meta.width,
        );
        console.log(
          `all widths, ${c.capture} px capture, dashboard ${width}: ` +
            `${(share.inside * 100).toFixed(1)} % of heat inside the boxes`,
        );
        expect(share.total).toBeGreaterThan(0);
        expect(share.inside).toBeGreaterThanOrEqual(0.9);
        const note = page.locator('#heat-widths');
        await note.waitFor({ timeout: 10_000 });
        expect(await note.textContent()).toBe(`${pct} % of samples from other widths, shown on their elements only`);
        if (c.capture === 1280) {
          mkdirSync(IMG, { recursive: true });
          await page.evaluate(() => document.getElementById('page-view')!.scrollIntoView());
          await page.screenshot({ path: `${IMG}/dashboard-all-widths-${width}.png` });
        }
        await page.close();
      });
});
