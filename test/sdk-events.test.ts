import { parseBatch, rowOf, tileOf } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { eventually, flush, hide, useHarness } from './fixtures/sdk-harness.js';
import { hasChromium } from '@heatlens/testkit/chromium';

// The script-tag SDK in real Chromium against the real collector: every tracker's events arrive
// with the right fields and are accepted, a scripted cursor path lands in the expected tiles of
// /api/heatmap, single-page-app navigation, and delivery when the page closes.

describe.runIf(hasChromium)('SDK in Chromium -> collector', () => {
  const h = useHarness();

  it('every tracker sends its events with the right fields, and the collector accepts them all', async () => {
    const { page, batches, events, of, errors } = await h.open('/fields/page');
    const origin = h.site.url;
    await page.mouse.move(10, 10);
    await page.mouse.move(300, 200, { steps: 5 });
    await page.click('#buy');
    await page.click('#dead');
    await page.click('#dead', { clickCount: 3, delay: 50 });
    // Any DOM change within a second counts as the page's reaction: keep the next clicks out of it.
    await page.waitForTimeout(1100);
    await page.click('#menu');
    await page.click('#dl');
    await page.click('#out');
    await page.click('#email');
    await page.keyboard.type('me@secret.example');
    await page.click('#go');
    await page.click('#play');
    await page.waitForFunction(() => (document.getElementById('clip') as HTMLAudioElement).ended, undefined, {
      timeout: 10_000,
    });
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(1200); // image view (1 s) and dead clicks (1 s)
    await page.evaluate(() => window.heatlens!.track('signup'));
    await hide(page);
    await eventually(
      async () => events().length,
      () => of('engagement').length > 0 && of('custom').length > 0,
    );

    const [w, h_] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.scrollHeight,
    ]);
    for (const b of batches) {
      expect(parseBatch(b).ok, JSON.stringify(b).slice(0, 200)).toBe(true);
      expect(b).toMatchObject({ site: 'demo', path: '/fields/page', vw: 1280 });
    }
    expect(of('pageview')).toEqual([
      expect.objectContaining({
        lang: expect.any(String),
        tz: expect.any(String),
        vh: 800,
        sw: expect.any(Number),
        sh: expect.any(Number),
      }),
    ]);
    expect(of('move').length).toBeGreaterThan(0);
    for (const m of of('move')) expect(m).toMatchObject({ w, h: h_ });

    const clicks = of('click');
    const buy = clicks.find((c) => c.sel == 'button#buy')!;
    expect(buy).toMatchObject({ x: expect.any(Number), y: expect.any(Number), w, h: h_ });
    expect(buy.x).toBeGreaterThanOrEqual(100);
    expect(buy.x).toBeLessThan(300);
    expect(buy.ex! > 0.4 && buy.ex! < 0.6 && buy.ey! > 0.4 && buy.ey! < 0.6).toBe(true);
    expect(buy.dead).toBeUndefined();
    const dead = clicks.filter((c) => c.sel == 'div#dead');
    expect(dead).toHaveLength(4);
    expect(dead.every((c) => c.dead)).toBe(true);
    expect(dead.filter((c) => c.rage).length).toBeGreaterThanOrEqual(1);
    expect(clicks.find((c) => c.sel == 'button#menu')).toMatchObject({ fixed: true });

    expect(of('download').map((e) => e.url)).toEqual([`${origin}/files/guide.pdf`]);
    expect(of('outbound').map((e) => e.url)).toEqual(['https://example.org/page']);
    expect(of('form').map((e) => [e.action, e.form])).toEqual([
      ['start', 'signup'],
      ['submit', 'signup'],
    ]);
    expect(of('media').map((e) => e.action)).toEqual(['play', 'p25', 'p50', 'p75', 'complete']);
    expect(of('media').every((e) => e.kind == 'audio' && e.src == `${origin}/media/clip.wav`)).toBe(true);
    expect(of('image_view').map((e) => e.src)).toEqual([`${origin}/img/pic.svg`]);
    // 1200 px down a 3000 px page in an 800 px viewport: two thirds seen.
    expect(Math.max(...of('scroll').map((e) => e.depth))).toBe(Math.round((100 * (1200 + 800)) / h_));
    expect(of('engagement')[0]!.ms).toBeGreaterThan(0);
    expect(of('custom').map((e) => e.name)).toEqual(['signup']);
    expect(JSON.stringify(batches)).not.toMatch(/secret/);

    // Read back through the collector: the numbers are the events sent.
    const s = await eventually(
      () => h.stats('/fields/page'),
      (s) => s.custom.length > 0,
    );
    expect(s).toMatchObject({
      views: 1,
      clicks: clicks.length,
      dead: clicks.filter((c) => c.dead).length,
      rage: clicks.filter((c) => c.rage).length,
      downloads: { total: 1 },
      outbound: { total: 1 },
      imageViews: { total: 1 },
      forms: { starts: 1, submits: 1 },
      custom: [{ name: 'signup', count: 1 }],
    });
    expect(s.media.audio).toEqual({ play: 1, p25: 1, p50: 1, p75: 1, complete: 1 });
    expect(errors).toEqual([]);
  });

  it('a scripted cursor path over known elements lands in the expected tiles of /api/heatmap', async () => {
    const { page, of } = await h.open('/heat/page');
    const targets = ['#buy', '#dead', '#far'];
    const expected: string[] = [];
    for (const sel of targets) {
      // Bring the element into view, rest the cursor on its centre long enough for a sample.
      await page.locator(sel).scrollIntoViewIfNeeded();
      const box = await page.evaluate((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        const d = document.documentElement;
        return {
          cx: r.left + r.width / 2,
          cy: r.top + r.height / 2,
          sx: scrollX,
          sy: scrollY,
          w: d.scrollWidth,
          h: d.scrollHeight,
        };
      }, sel);
      await page.mouse.move(box.cx, box.cy, { steps: 4 });
      await page.waitForTimeout(400);
      await page.mouse.click(box.cx, box.cy);
      expected.push(`${tileOf(box.cx + box.sx, box.w)},${rowOf(box.cy + box.sy)}`);
    }
    await page.waitForTimeout(1100); // let dead-click detection settle the clicks
    await flush(page);
    const moves = await eventually(
      () => h.heatmap('/heat/page', 'move'),
      (m) => m.total >= of('move').length && m.total > 0,
    );
    const tiles = (m: { tiles: number[][] }) => new Map(m.tiles.map(([x, y, n]) => [`${x},${y}`, n!]));
    const moveTiles = tiles(moves);
    for (const t of expected) expect(moveTiles.has(t), `move tile ${t} in ${[...moveTiles.keys()]}`).toBe(true);
    // Exactly the samples sent, tile for tile.
    const sent = new Map<string, number>();
    for (const m of of('move')) {
      if (m.fixed && m.cx !== undefined) continue; // the fixed layer, not a page tile
      const k = `${tileOf(m.x, m.w)},${rowOf(m.y)}`;
      sent.set(k, (sent.get(k) ?? 0) + 1);
    }
    expect(moveTiles).toEqual(sent);
    const clicks = await eventually(
      () => h.heatmap('/heat/page', 'click'),
      (m) => m.total >= 3,
    );
    expect([...tiles(clicks).keys()].sort()).toEqual([...new Set(expected)].sort());
  });

  it('single-page-app navigation: a view per path, previous page as referrer, events under the new path', async () => {
    const { page, batches, of } = await h.open('/spa/first');
    await page.click('#next');
    await page.click('#buy');
    await page.goBack(); // same-document back: popstate
    await page.waitForFunction(() => location.pathname == '/spa/first');
    await flush(page);
    await eventually(
      async () => of('pageview').length,
      (n) => n >= 3,
    );
    const views = batches.flatMap((b) =>
      b.events.filter((e) => e.type == 'pageview').map((e) => [b.path, 'ref' in e ? e.ref : undefined]),
    );
    expect(views).toEqual([
      ['/spa/first', undefined],
      ['/spa/next', `${h.site.url}/spa/first`],
      ['/spa/first', `${h.site.url}/spa/next`],
    ]);
    // Each click belongs to the page it happened on, though emitted after its dead-click verdict.
    const pathOf = (sel: string) => batches.find((b) => b.events.some((e) => e.type == 'click' && e.sel == sel))?.path;
    expect(pathOf('button#next')).toBe('/spa/first');
    expect(pathOf('button#buy')).toBe('/spa/next');
    const s = await eventually(
      () => h.stats('/spa/next'),
      (s) => s.views == 1 && s.clicks == 1,
    );
    expect(s).toMatchObject({ views: 1, clicks: 1 });
  });

  it('delivers the final batch when the page closes', async () => {
    const { page, context } = await h.open('/unload/page');
    await page.mouse.move(150, 150, { steps: 3 });
    await page.click('#buy');
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
    // Well inside the 5 s relaxed interval: only the hidden/unload flush can deliver these.
    await page.close();
    const s = await eventually(
      () => h.stats('/unload/page'),
      (s) => s.clicks == 1 && s.engagedMs > 0,
    );
    expect(s).toMatchObject({ views: 1, clicks: 1 });
    expect(s.engagedMs).toBeGreaterThan(0);
    expect(s.scroll.sessions).toBe(1);
    await context.close();
  });
});
