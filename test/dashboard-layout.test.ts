import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { postBatch } from './support/post-batch.js';

// The built dashboard at a laptop's and a phone's width, with busy pages: every column of the pages
// table can be reached (it scrolls sideways, its page column stays), the time axis's labels do not
// run into each other, top lists show the end of long values (the whole one on hover), and opening
// a page brings its view into sight.

const DASHBOARD_JS = fileURLToPath(new URL('../packages/collector/public/assets/dashboard.js', import.meta.url));
const LONG_PATH = '/collections/winter-2026/outerwear/waxed-canvas-field-jacket-olive';
const IMAGES = [1, 2, 3, 4].map((n) => `http://127.0.0.1:8091/img/products/winter/gallery-${n}.svg`);
const SELECTORS = [
  'main#content>section.products>ul.grid>li.card>a[href="/product/1"]',
  'main#content>section.products>ul.grid>li.card>a[href="/product/2"]',
];

/** Batches for a few pages, one of them with a long path, long image URLs and long selectors, spread over 3 minutes. */
async function seed(c: Collector): Promise<void> {
  const now = Date.now();
  const paths = ['/', '/guide', '/signup', '/media', LONG_PATH];
  let n = 0;
  for (let i = 0; i < 30; i++) {
    const path = paths[i % paths.length]!;
    const ts = now - 180_000 + i * 6_000;
    const events = [
      { type: 'pageview', ts, vh: 800 },
      { type: 'click', ts, x: 100 + i, y: 200, w: 1280, h: 2000, sel: SELECTORS[i % 2] },
      { type: 'image_view', ts, src: IMAGES[i % IMAGES.length] },
      { type: 'scroll', ts, depth: 40 + i },
      { type: 'outbound', ts, url: 'https://partner.example/materials/waxed-canvas' },
      { type: 'engagement', ts, ms: 12_000 },
      { type: 'custom', ts, name: 'add_to_cart' },
    ];
    const batch = { id: `layout-${++n}`, sid: `visitor-${i}`, path, vw: 1280, events };
    const res = await postBatch(c.url, 'http://127.0.0.1:8091', batch, now);
    expect(res.status).toBe(204);
  }
}

describe.runIf(hasChromium)('dashboard layout at 1280 and 390 px', () => {
  let collector: Collector;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(DASHBOARD_JS))
      throw new Error('the dashboard is not built: run `pnpm build` (or `pnpm start` once)');
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    await seed(collector);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  async function open(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${collector.url}/#token=${collector.sites[0]!.readToken}`);
    await page.waitForSelector(`#pages-table tr[data-path="${LONG_PATH}"]`);
    await page.waitForFunction(
      () => JSON.parse(document.getElementById('chart')?.dataset.timeLabels ?? '[]').length >= 2,
    );
    return page;
  }

  for (const width of [1280, 390]) {
    it(`at ${width} px: no page-wide overflow, every column reachable beside its page, time labels apart`, async () => {
      const page = await open(width);
      try {
        expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
        // Scroll the table to its far end: the last column is inside the wrapper, the page column still at its left.
        const seen = await page.evaluate(() => {
          const wrap = document.getElementById('pages')!;
          wrap.scrollLeft = wrap.scrollWidth;
          const box = wrap.getBoundingClientRect();
          const last = document.querySelector('#pages-table tbody tr [data-col="custom"]')!.getBoundingClientRect();
          const first = document.querySelector('#pages-table tbody tr [data-col="path"]')!.getBoundingClientRect();
          return {
            wrapLeft: box.left,
            wrapRight: box.right,
            lastLeft: last.left,
            lastRight: last.right,
            firstLeft: first.left,
            firstRight: first.right,
          };
        });
        expect(seen.lastRight).toBeLessThanOrEqual(seen.wrapRight + 1);
        expect(seen.lastLeft).toBeGreaterThanOrEqual(seen.firstRight - 1);
        expect(Math.abs(seen.firstLeft - seen.wrapLeft)).toBeLessThanOrEqual(1);
        // The long path shows its end in the table, and the whole path on hover.
        const cell = page.locator(`#pages-table tr[data-path="${LONG_PATH}"] [data-col="path"] button`);
        expect(await cell.getAttribute('title')).toBe(`Open ${LONG_PATH}`);
        expect(await cell.textContent()).toMatch(/….*field-jacket-olive$/);

        const labels = JSON.parse((await page.locator('#chart').getAttribute('data-time-labels'))!) as {
          text: string;
          left: number;
          right: number;
        }[];
        for (let i = 1; i < labels.length; i++)
          expect(labels[i]!.left - labels[i - 1]!.right, JSON.stringify(labels)).toBeGreaterThanOrEqual(4);
        // None is cut at the chart's edges.
        const chartWidth = await page.evaluate(
          () => document.querySelector('#chart .uplot')!.getBoundingClientRect().width,
        );
        expect(labels[0]!.left, JSON.stringify(labels)).toBeGreaterThanOrEqual(0);
        expect(labels.at(-1)!.right, JSON.stringify(labels)).toBeLessThanOrEqual(chartWidth);
      } finally {
        await page.close();
      }
    });

    it(`at ${width} px: opening a page scrolls its view into sight, and its top lists can be told apart`, async () => {
      const page = await open(width);
      try {
        await page.evaluate(() => document.getElementById('pages')!.scrollIntoView());
        await page.click(`#pages-table tr[data-path="${LONG_PATH}"] [data-col="path"] button`);
        await page.waitForSelector('#page-stats [data-list="images"] li');
        // Its top comes to the top of the window, or as near as the end of the document allows.
        const placed = () =>
          page.evaluate(() => {
            const top = document.getElementById('page-view')!.getBoundingClientRect().top;
            const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
            return top >= 0 && (top < 100 || (atEnd && top < innerHeight / 2));
          });
        await expect.poll(placed, { timeout: 3000 }).toBe(true);
        const rows = await page.$$eval(
          '#page-stats [data-list="images"] .name, #page-stats [data-list="selectors"] .name',
          (els) =>
            els.map((e) => ({
              text: e.textContent ?? '',
              title: e.getAttribute('title') ?? '',
              clipped: e.scrollWidth > e.clientWidth + 1,
            })),
        );
        expect(rows.map((r) => r.title).sort()).toEqual([...IMAGES, ...SELECTORS].sort());
        expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
        for (const r of rows) expect(r.title.endsWith(r.text.replace(/^…/, '')), r.text).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      } finally {
        await page.close();
      }
    });
  }
});
