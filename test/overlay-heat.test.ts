import { describe, expect, it } from 'vitest';
import { fixedRowOf, rowOf, tileOf } from '@heatlens/schema/tiles';
import type { Page } from 'playwright-core';
import { frames, readHeat, snapshot, type Rect } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// The overlay read back as pixels in real Chromium, fed crafted layout-v2 snapshots through the
// extension's own `overlay:draw` message: where heat lands for a sticky header, an app shell's
// inner scroller and per-element clicks, and what the kernel looks like.

const ARTICLE = '<p>' + 'Lorem ipsum dolor sit amet. '.repeat(40) + '</p>';
const PAGES = {
  '/sticky': `<!doctype html><body style="margin:0;font:16px sans-serif">
    <header style="position:sticky;top:0;height:60px;background:#eee;z-index:1">
      <button id="cart" style="position:absolute;right:20px;top:10px;width:120px;height:40px">Cart</button></header>
    <main style="height:4000px">${ARTICLE.repeat(6)}</main></body>`,
  '/shell': `<!doctype html><html style="height:100%;overflow:hidden">
    <body style="margin:0;height:100%;overflow:hidden">
    <nav style="position:fixed;left:0;top:0;width:200px;height:100%;background:#ddd"></nav>
    <div id="app" style="margin-left:200px;height:100%;overflow:auto">
      <div style="height:4000px">${ARTICLE}</div></div></body></html>`,
  '/centred': `<!doctype html><body style="margin:0">
    <main style="max-width:900px;margin:0 auto;padding-top:300px;height:2000px">
      <button id="buy" style="margin-left:100px;width:200px;height:60px">Buy</button></main></body>`,
  '/blank': '<!doctype html><body style="margin:0;height:3000px"></body>',
  '/chat': `<!doctype html><body style="margin:0;height:3000px">
    <button id="chat" style="position:fixed;right:16px;bottom:10px;width:60px;height:40px">?</button></body>`,
};
const clicks = opaque('click', false);
const hot = (rgba: number[] | undefined) => rgba !== undefined && rgba[3]! > 100 && rgba[0]! > 150;

describe.runIf(hasChromium)('overlay heat, read back as pixels', () => {
  const rig = useDrawRig(PAGES);
  const box = async (page: Page, sel: string): Promise<Rect> => {
    const b = (await page.locator(sel).boundingBox())!;
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  };
  const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2, w: 1, h: 1 });

  it("draws a sticky header button's clicks on the button at scroll 0 and at scroll 1,700", async () => {
    const { page, tabId } = await rig.open('/sticky', { width: 1280, height: 800 });
    const cart = await box(page, '#cart');
    const c = centre(cart);
    // Stored in the fixed layer by the SDK at a visitor's viewport of 1280 x 900.
    const fixed: [number, number, number][] = [[tileOf(c.x, 1280), fixedRowOf(c.y, 900), 6]];
    await rig.draw(page, tabId, snapshot({ fixed, total: 6, max: 6 }), clicks);
    expect(hot((await readHeat(page, c))!.peak?.rgba)).toBe(true);
    await page.evaluate(() => scrollTo(0, 1700));
    await frames(page);
    expect(hot((await readHeat(page, c))!.peak?.rgba)).toBe(true);
    // Nothing is painted over the article the page scrolled under the header.
    expect((await readHeat(page, { x: 0, y: 120, w: 1280, h: 600 }))!.sum).toBe(0);
    await page.close();
  });

  it('keeps the legend off a fixed chat button in the bottom-right corner', async () => {
    const { page, tabId } = await rig.open('/chat', { width: 1280, height: 800 });
    await rig.draw(page, tabId, snapshot({ fixed: [[48, -2, 3]], total: 3, max: 3 }), clicks);
    const legend = await page.evaluate(() => {
      const r = document
        .getElementById('heatlens-overlay')!
        .shadowRoot!.getElementById('heatlens-legend')!
        .getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    const chat = { x: 48.5 * 25.6, y: 800 - 30 };
    expect(
      chat.x >= legend.x && chat.x <= legend.x + legend.w && chat.y >= legend.y && chat.y <= legend.y + legend.h,
    ).toBe(false);
    expect(hot((await readHeat(page, { ...chat, w: 1, h: 1 }))!.peak?.rgba)).toBe(true);
    await page.close();
  });

  it("draws an inner scroller's tile at content y 3,320 where that content is after scrolling", async () => {
    const { page, tabId } = await rig.open('/shell', { width: 1280, height: 800 });
    // #app is 1080 px wide (minus its scrollbar) from x = 200; a click at content (540, 3320).
    const width = await page.evaluate(() => document.getElementById('app')!.scrollWidth);
    const tile: [number, number, number] = [tileOf(540, width), rowOf(3320), 4];
    await rig.draw(page, tabId, snapshot({ tiles: [tile], rows: tile[1] + 1, total: 4, max: 4 }), clicks);
    // At scroll 0 the point is 2,520 px below the fold: nothing on screen (layout v1 put it at y 320).
    expect((await readHeat(page, { x: 200, y: 0, w: 1080, h: 800 }))!.sum).toBe(0);
    await page.evaluate(() => document.getElementById('app')!.scrollTo(0, 3000));
    await frames(page);
    const spot = { x: 200 + ((tile[0] + 0.5) * width) / 50, y: 3330 - 3000 };
    const read = await readHeat(page, { x: spot.x - 40, y: spot.y - 40, w: 80, h: 80 });
    expect(hot(read!.peak?.rgba)).toBe(true);
    expect(Math.abs(read!.peak!.x - spot.x)).toBeLessThanOrEqual(6);
    expect(Math.abs(read!.peak!.y - spot.y)).toBeLessThanOrEqual(6);
    // Heat of the page layer stays inside #app's box: none over the side nav.
    expect((await readHeat(page, { x: 0, y: 0, w: 200, h: 800 }))!.sum).toBe(0);
    await page.close();
  });

  it("puts an element's click heat peak inside its box at another viewport width", async () => {
    // Visitors at 1920: the button's tile sits at their layout (x of 1920's centred column).
    const points: [number, number, number][] = [
      [2, 4, 5],
      [3, 5, 2],
      [7, 6, 1],
    ];
    const snap = snapshot({
      tiles: [[tileOf(510 + 100 + 100, 1920), rowOf(330), 8]],
      elements: [{ sel: 'main>button#buy', count: 8, points }],
      total: 8,
      max: 8,
    });
    for (const width of [1280, 800]) {
      const { page, tabId } = await rig.open('/centred', { width, height: 800 });
      await rig.draw(page, tabId, snap, clicks);
      const buy = await box(page, '#buy');
      const read = await readHeat(page, { x: buy.x - 60, y: buy.y - 60, w: buy.w + 120, h: buy.h + 120 });
      const peak = read!.peak!;
      expect(
        peak.x >= buy.x && peak.x <= buy.x + buy.w && peak.y >= buy.y && peak.y <= buy.y + buy.h,
        `${width}: ${JSON.stringify(peak)}`,
      ).toBe(true);
      // The hottest cell (2, 4) is where the heat peaks: left part of the button.
      expect(peak.x).toBeLessThan(buy.x + buy.w / 2);
      await page.close();
    }
  });

  it('renders a single hot tile as a peak at its centre that falls off with distance', async () => {
    const { page, tabId } = await rig.open('/blank', { width: 1280, height: 800 });
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles: [[25, 20, 1]], rows: 21, total: 1, max: 1 }), {
      ...clicks,
      kind: 'move',
      radius: 20,
    });
    const c = { x: 25.5 * 25.6, y: 20.5 * 20 };
    const read = await readHeat(page, { x: c.x - 60, y: c.y - 60, w: 120, h: 120 });
    expect(Math.abs(read!.peak!.x - c.x)).toBeLessThanOrEqual(3);
    expect(Math.abs(read!.peak!.y - c.y)).toBeLessThanOrEqual(3);
    // Red at the centre, through yellow and green to blue, then nothing.
    const at = async (dx: number) => (await readHeat(page, { x: c.x + dx, y: c.y, w: 1, h: 1 }))!;
    const rgb = async (dx: number) => (await at(dx)).peak?.rgba.slice(0, 3);
    const [r0, g0] = (await rgb(0))!;
    expect(r0).toBe(255);
    expect(g0).toBeLessThan(100);
    const [r10, g10] = (await rgb(10))!;
    expect(g10).toBeGreaterThan(g0!); // yellowing
    expect(r10).toBeGreaterThan(150);
    const [r22, g22, b22] = (await rgb(22))!;
    expect(r22).toBeLessThan(r10!); // green to blue
    expect(g22 + b22).toBeGreaterThan(100);
    expect((await at(60)).sum).toBe(0);
    await page.close();
  });
});
