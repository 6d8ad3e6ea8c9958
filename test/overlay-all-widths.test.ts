import { readFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import { batch, post } from '@heatlens/testkit/collector';
import { configure, extensionWorker, prepareTestExtension, switchOverlayOn } from '@heatlens/testkit/extension-e2e';
import { hasChromium, launchChromium, launchWithExtension } from '@heatlens/testkit/chromium';

// "All widths" on a blog theme: visitors at other widths clicked elements (a subscribe button, tag
// links) and the article. Their tiles sit where their layout put them; the owner's layout differs.
// Each element click must be drawn in its element only, never again as a blob at the other
// layout's tile position, and the legend must say what share of the samples came from other widths.
// The whole path in real Chromium: batches -> collector -> /live -> service worker -> overlay canvas.

const BLOG = readFileSync(new URL('./fixtures/blog-theme.html', import.meta.url), 'utf8');
const ARTIFACTS = new URL('../.artifacts/', import.meta.url);
const ELEMENTS = ['button#subscribe', 'a#tag-css', 'a#tag-maps', 'a#tag-data', 'a#archive'];
type Box = { x: number; y: number; w: number; h: number };
type Geometry = { w: number; h: number; boxes: Record<string, Box>; article: Box };

/** Page boxes (page px) of the fixture's elements at a viewport width, and the scroll root's size. */
async function geometryAt(browser: Browser, url: string, width: number): Promise<Geometry> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(url);
  const g = await page.evaluate((sels) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height };
    };
    const boxes: Record<string, { x: number; y: number; w: number; h: number }> = {};
    for (const s of sels) boxes[s] = box(document.querySelector(s)!);
    const root = document.documentElement;
    return { w: root.scrollWidth, h: root.scrollHeight, boxes, article: box(document.getElementById('post')!) };
  }, ELEMENTS);
  await page.close();
  return g;
}

/** `n` clicks at the centre of an element (sel, ex, ey as the SDK sends them) in a layout. */
function elementClicks(g: Geometry, sel: string, n: number) {
  const b = g.boxes[sel]!;
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    type: 'click',
    ts: now - i,
    x: Math.round(b.x + b.w / 2),
    y: Math.round(b.y + b.h / 2),
    w: g.w,
    h: g.h,
    sel,
    ex: 0.5,
    ey: 0.5,
  }));
}

/** `n` clicks on the article's text (a tall element: its clicks stay tile heat), spread over its middle. */
function articleClicks(g: Geometry, n: number) {
  const a = g.article;
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    type: 'click',
    ts: now - i,
    x: Math.round(a.x + a.w * (0.3 + 0.4 * ((i % 3) / 2))),
    y: Math.round(a.y + a.h * (0.3 + (0.4 * (Math.floor(i / 3) % 3)) / 2)),
    w: g.w,
    h: g.h,
    sel: 'article#post',
    ex: 0.5,
    ey: 0.5,
  }));
}

/**
 * The overlay's heat read back over the whole page (scrolled screen by screen): the sum of heat
 * alpha, and the part of it outside `keep` (page px rects: the element boxes, and the article where
 * the owner's own width's tile heat belongs).
 */
async function heatOutside(page: Page, keep: Box[]): Promise<{ total: number; outside: number }> {
  let total = 0;
  let outside = 0;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const view = page.viewportSize()!;
  for (let y = 0; y < height; y += view.height) {
    await page.evaluate((y) => scrollTo(0, y), y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    await page.waitForTimeout(250); // the scroll's debounced redraw
    const part = await page.evaluate((keep) => {
      const canvas = document
        .getElementById('heatlens-overlay')!
        .shadowRoot!.getElementById('heatlens-canvas') as HTMLCanvasElement;
      const s = canvas.width / innerWidth;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let all = 0;
      let out = 0;
      // Only what this screen shows: the next screen starts where this one ends.
      const top = scrollY;
      for (let i = 3; i < d.length; i += 4) {
        if (!d[i]) continue;
        const p = (i - 3) / 4;
        const x = (p % canvas.width) / s;
        const y = Math.floor(p / canvas.width) / s + top;
        all += d[i]!;
        if (!keep.some((k) => x >= k.x && x <= k.x + k.w && y >= k.y && y <= k.y + k.h)) out += d[i]!;
      }
      return { all, out };
    }, keep);
    total += part.all;
    outside += part.out;
  }
  return { total, outside };
}

const grow = (b: Box, m: number): Box => ({ x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m });

describe.runIf(hasChromium)('"All widths" draws other widths\' clicks on their elements only', () => {
  let collector: Collector;
  let server: Server;
  let url: string;
  let visitors: Browser;
  let ext: ReturnType<typeof prepareTestExtension>;
  let context: BrowserContext & { dispose(): Promise<void> };
  let worker: Worker;
  let id: string;
  const layouts: Record<number, Geometry> = {};

  beforeAll(async () => {
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
    server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(BLOG));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/post`;
    visitors = await launchChromium();
    for (const w of [390, 900, 1280]) layouts[w] = await geometryAt(visitors, url, w);
    // The theme's layouts do differ: one column on a phone, the sidebar beside the article on a desktop.
    expect(layouts[390]!.boxes['button#subscribe']!.y).toBeGreaterThan(
      layouts[1280]!.boxes['button#subscribe']!.y + 600,
    );
    // A phone visitor: the subscribe button, the tags, the header link, the article's text.
    const phone = [
      ...elementClicks(layouts[390]!, 'button#subscribe', 12),
      ...elementClicks(layouts[390]!, 'a#tag-css', 6),
      ...elementClicks(layouts[390]!, 'a#tag-maps', 6),
      ...elementClicks(layouts[390]!, 'a#archive', 4),
      ...articleClicks(layouts[390]!, 9),
    ];
    // A tablet visitor (one more width: segment m): the data tag and the article.
    const tablet = [...elementClicks(layouts[900]!, 'a#tag-data', 5), ...articleClicks(layouts[900]!, 6)];
    // A desktop visitor: the subscribe button and the article.
    const desktop = [...elementClicks(layouts[1280]!, 'button#subscribe', 8), ...articleClicks(layouts[1280]!, 9)];
    const origin = new URL(url).origin;
    for (const [vw, events, sid] of [
      [390, phone, 'phone1'],
      [900, tablet, 'tablet1'],
      [1280, desktop, 'desktop1'],
    ] as const) {
      const res = await post(collector.url, batch({ site: 'demo', sid, path: '/post', vw, events }), origin);
      expect(res.status).toBe(204);
    }
    ext = prepareTestExtension();
    context = await launchWithExtension(ext.dir);
    ({ worker, id } = await extensionWorker(context));
    await configure(context, id, collector.url, collector.sites[0]!.readToken);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await closeAll(
      context && { close: () => context.dispose() },
      visitors,
      ext && { close: async () => ext.dispose() },
      server && { close: () => new Promise<void>((r) => server.close(() => r())) },
      collector,
    );
  });

  /** The owner's tab at `width` with the click map under "All widths"; the legend's widths line. */
  const ownerView = async (width: number) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${url}?owner=${width}`);
    await switchOverlayOn(context, worker, id, page, { kind: 'click', counts: true });
    const legendText = (part: string) =>
      page.evaluate(
        (part) => document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById(part)?.textContent ?? '',
        part,
      );
    await expect.poll(() => legendText('heatlens-total'), { timeout: 15_000 }).toBe('65');
    await page.waitForTimeout(500); // a second socket's frame, if any, is drawn
    return { page, widths: await legendText('heatlens-widths') };
  };

  /**
   * Where heat may be, in page px: each element's box, and around the owner's width's own clicks on
   * the article (tile heat, where this layout put them: a tile and a kernel of spill).
   */
  const allowed = (g: Geometry) => [
    ...ELEMENTS.map((s) => grow(g.boxes[s]!, 4)),
    ...articleClicks(g, 9).map((c) => grow({ x: c.x, y: c.y, w: 0, h: 0 }, g.w / 50 + 40)),
  ];

  it('at 1280 px, draws the phone and tablet clicks in their elements only, and says their share', async () => {
    const { page, widths } = await ownerView(1280);
    const heat = await heatOutside(page, allowed(layouts[1280]!));
    expect(heat.total).toBeGreaterThan(0);
    // Before: the phone's subscribe, tag and header clicks also drawn at the phone layout's tiles.
    expect(heat.outside / heat.total, JSON.stringify(heat)).toBeLessThan(0.01);
    // 17 of the 65 samples are this width's: 48 (74 %) come from other widths.
    expect(widths).toBe('74 % of samples from other widths, shown on their elements only');
    // The subscribe button is drawn hot: every width's 20 clicks.
    await page.evaluate(() => document.getElementById('subscribe')!.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: new URL('all-widths-1280.png', ARTIFACTS).pathname });
    await page.close();
  });

  it('at 390 px, draws the desktop and tablet clicks in their elements only, and says their share', async () => {
    const { page, widths } = await ownerView(390);
    const heat = await heatOutside(page, allowed(layouts[390]!));
    expect(heat.total).toBeGreaterThan(0);
    expect(heat.outside / heat.total, JSON.stringify(heat)).toBeLessThan(0.01);
    // 37 of the 65 samples are this width's: 28 (43 %) come from other widths.
    expect(widths).toBe('43 % of samples from other widths, shown on their elements only');
    await page.evaluate(() => document.getElementById('subscribe')!.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: new URL('all-widths-390.png', ARTIFACTS).pathname });
    await page.close();
  });
});
