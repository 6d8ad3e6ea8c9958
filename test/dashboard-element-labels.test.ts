import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { clicksOn, takeCapture, uploadCapture, type CaptureMeta } from './support/page-capture.js';
import { postBatch } from './support/post-batch.js';
import { startDashboardCollector } from './support/dashboard-collector.js';

// The page view's element labels over a capture with named elements: a portfolio's navbar of
// narrow links (Portfolio, About, Contact) side by side. Each label says the element's name, as
// "Most clicked" does, never a bare "element: N clicks", and no two labels overlap, at 390 and
// 1280 px. The labels are canvas text: the test records the `fillText` calls on `#heatmap`.

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const SHOTS = root('docs/img');
const NAV = ['#nav-portfolio', '#nav-about', '#nav-contact'];
const PAGE = `<!doctype html><style>body{margin:0;font:16px sans-serif}nav{display:flex;gap:6px;padding:8px}
a{display:block;padding:4px 6px;background:#eef}main{height:1400px;padding:20px}</style>
<nav><a id="nav-portfolio" href="#">Portfolio</a><a id="nav-about" href="#">About</a>
<a id="nav-contact" href="#">Contact</a></nav>
<main><h1>Jane Doe, freelance designer</h1></main>`;

describe.runIf(hasChromium)('dashboard page view: element labels by name', { timeout: 120_000 }, () => {
  let collector: Collector;
  let browser: Browser;
  let token: string;
  let meta: CaptureMeta;
  let captureId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ collector, token } = await startDashboardCollector());
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(PAGE);
    const capture = await takeCapture(page, NAV);
    await page.close();
    meta = capture.meta;
    expect(meta.elements.map((e) => e.name)).toEqual(['Portfolio', 'About', 'Contact']);
    captureId = await uploadCapture(collector.url, token, 'demo', '/', capture);
    const events = [{ type: 'pageview', vh: 800 }, ...clicksOn(meta, (i) => 5 - i)];
    const res = await postBatch(collector.url, 'http://localhost', {
      id: 'labels-1',
      sid: 'visitor-1',
      path: '/',
      vw: 1280,
      events,
    });
    expect(res.status).toBe(204);
  });

  afterAll(() => closeAll(browser, collector));

  /** The page view at `width`, with every label drawn on `#heatmap` recorded (text and its box, canvas px). */
  async function openView(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
    await page.addInitScript(() => {
      const seen: Array<{ text: string; x: number; y: number; w: number }> = [];
      (window as unknown as { __labels: typeof seen }).__labels = seen;
      const fill = CanvasRenderingContext2D.prototype.fillText;
      const clear = CanvasRenderingContext2D.prototype.clearRect;
      // Each drawing clears the whole canvas first: keep the labels of the last one only.
      CanvasRenderingContext2D.prototype.clearRect = function (...args) {
        if (this.canvas.id === 'heatmap') seen.length = 0;
        return clear.apply(this, args);
      };
      CanvasRenderingContext2D.prototype.fillText = function (text, x, y, max) {
        if (this.canvas.id === 'heatmap') {
          const m = this.getTransform();
          const w = this.measureText(String(text)).width;
          seen.push({ text: String(text), x: m.a * x + m.e, y: m.d * y + m.f, w: w * m.a });
        }
        return fill.call(this, text, x, y, max);
      };
    });
    await page.goto(`${collector.url}/#token=${token}&site=demo&path=%2F`);
    await page.waitForFunction(
      (id) =>
        document.getElementById('heat-stage')?.dataset.capture === id &&
        Number(document.getElementById('heatmap')?.dataset.total) > 0 &&
        (document.getElementById('capture-img') as HTMLImageElement | null)?.complete === true,
      captureId,
      { timeout: 30_000 },
    );
    return page;
  }

  /** The labels of the last drawing. */
  const lastLabels = (page: Page) =>
    page.evaluate(() => [
      ...(window as unknown as { __labels: Array<{ text: string; x: number; y: number; w: number }> }).__labels,
    ]);

  for (const width of [1280, 390])
    it(`${width} px: labels name the elements, as "Most clicked" does, and do not overlap`, async () => {
      const page = await openView(width);
      await page.waitForSelector('[data-list="selectors"] .name');
      const labels = await lastLabels(page);
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(l.text).not.toMatch(/^element:/);
      expect(labels[0]!.text).toBe('Portfolio: 5 clicks');
      for (const a of labels)
        for (const b of labels)
          if (a !== b && Math.abs(a.y - b.y) < 18) expect(a.x + a.w <= b.x || b.x + b.w <= a.x).toBe(true);
      await page.screenshot({ path: `${SHOTS}/page-view-element-names-${width}.png` });
      await page.close();
    });
});
