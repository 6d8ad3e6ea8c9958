import { describe, expect, it } from 'vitest';
import { fixedRowOf, rowOf, tileOf } from '@heatlens/schema/tiles';
import type { Page } from 'playwright-core';
import { frames, readHeat, snapshot, type Rect } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// Clicks on elements the owner's page does not render right now (a closed modal, a collapsed
// mobile menu) are accounted for, never drawn: not as the element's heat, not as a label, and not
// as the tiles the visitors' layout put them in. Read back as pixels in real Chromium.

const MODAL = `<!doctype html><body style="margin:0;font:16px sans-serif;height:3000px">
  <header style="position:fixed;top:0;left:0;right:0;height:56px;background:#eee;z-index:1">
    <button id="cart" style="position:absolute;right:10px;top:8px;width:80px;height:40px">Cart</button></header>
  <div class="modal fade" id="signup" style="position:fixed;inset:0;display:none;z-index:2">
    <div style="position:absolute;left:20px;right:20px;bottom:20px;height:200px;background:#fff">
      <button id="close" style="position:absolute;right:16px;bottom:16px;width:80px;height:36px">Close</button>
    </div></div></body>`;

/** A Bootstrap-like navbar whose links `hide` keeps from rendering, then a buy button. */
const menu = (hide: { css?: string; attr?: string }) => `<!doctype html><body style="margin:0;font:16px sans-serif">
  <style>.collapse:not(.show){display:none}
    #links a{display:block;height:40px;line-height:40px;padding:0 16px;color:#fff}</style>
  <nav style="background:#222">
    <div style="height:56px"><button id="toggle" style="margin:8px;width:48px;height:40px">=</button></div>
    <div id="links" ${hide.attr ?? ''} style="${hide.css ?? ''}">
      <a id="home" href="/">Home</a><a id="about" href="/about">About</a>
      <a id="contact" href="/contact">Contact</a></div></nav>
  <main style="height:3000px;padding-top:300px">
    <button id="buy" style="margin-left:100px;width:160px;height:48px">Buy</button></main></body>`;

const HIDDEN = {
  '/menu-collapse': { attr: 'class="collapse"' },
  '/menu-visibility': { css: 'visibility:hidden' },
  '/menu-height-0': { css: 'height:0;overflow:hidden' },
  '/menu-hidden-attr': { attr: 'hidden' },
  '/menu-content-visibility': { css: 'content-visibility:hidden' },
};
const PAGES: Record<string, string> = { '/modal': MODAL };
for (const [path, hide] of Object.entries(HIDDEN)) PAGES[path] = menu(hide);

const clicks = opaque('click', true);
const hot = (rgba: number[] | undefined) => rgba !== undefined && rgba[3]! > 100 && rgba[0]! > 150;

/** Sum of alpha of the labels canvas (outlines and counts) in a viewport rectangle. */
function readLabels(page: Page, r: Rect): Promise<number> {
  return page.evaluate((r) => {
    const canvas = document
      .getElementById('heatlens-overlay')!
      .shadowRoot!.getElementById('heatlens-labels') as HTMLCanvasElement;
    const dpr = canvas.width / innerWidth;
    const d = canvas
      .getContext('2d')!
      .getImageData(Math.floor(r.x * dpr), Math.floor(r.y * dpr), Math.ceil(r.w * dpr), Math.ceil(r.h * dpr)).data;
    let sum = 0;
    for (let i = 3; i < d.length; i += 4) sum += d[i]!;
    return sum;
  }, r);
}

describe.runIf(hasChromium)('heat of elements the owner does not see', () => {
  const rig = useDrawRig(PAGES);

  it("draws nothing for a closed modal's Close button at any scroll, and keeps the header's heat", async () => {
    const view = { width: 390, height: 700 };
    const { page, tabId } = await rig.open('/modal', view);
    // Visitors opened the modal and clicked Close at (314, 646), and the header's cart at (340, 28).
    const fixed: [number, number, number][] = [
      [tileOf(314, 390), fixedRowOf(646, 700), 4],
      [tileOf(340, 390), fixedRowOf(28, 700), 6],
    ];
    const elements = [
      { sel: 'div#signup>div>button#close', count: 4, points: [[5, 5, 4]] as [number, number, number][] },
      { sel: 'header>button#cart', count: 6, points: [[5, 5, 6]] as [number, number, number][] },
    ];
    await rig.draw(page, tabId, snapshot({ fixed, elements, total: 10, max: 6 }), clicks);
    const near = { x: 240, y: 590, w: 150, h: 110 };
    for (const y of [0, 1500]) {
      await page.evaluate((y) => scrollTo(0, y), y);
      await frames(page);
      expect((await readHeat(page, near))!.sum, `scroll ${y}`).toBe(0);
      expect(await readLabels(page, near), `scroll ${y}`).toBe(0);
      expect(hot((await readHeat(page, { x: 345, y: 30, w: 1, h: 1 }))!.peak?.rgba), `scroll ${y}`).toBe(true);
    }
    await page.close();
  });

  for (const [path, hide] of Object.entries(HIDDEN)) {
    it(`draws no heat and no label for a menu's links hidden by ${JSON.stringify(hide)} at 390 px`, async () => {
      const { page, tabId } = await rig.open(path, { width: 390, height: 700 });
      // Visitors at 390 px expanded the menu: links at y 56-176, the buy button pushed down to y 476.
      const link = (y: number, n: number): [number, number, number] => [tileOf(50, 390), rowOf(y), n];
      const tiles = [link(76, 5), link(116, 5), link(156, 5), [tileOf(180, 390), rowOf(500), 6]] as [
        number,
        number,
        number,
      ][];
      const cell = (n: number) => [[1, 5, n]] as [number, number, number][];
      const elements = [
        { sel: 'div#links>a#home', count: 5, points: cell(5) },
        { sel: 'div#links>a#about', count: 5, points: cell(5) },
        { sel: 'div#links>a#contact', count: 5, points: cell(5) },
        { sel: 'main>button#buy', count: 6, points: [[5, 5, 6]] as [number, number, number][] },
      ];
      await rig.draw(page, tabId, snapshot({ tiles, elements, rows: rowOf(500) + 1, total: 21, max: 6 }), clicks);
      const buy = await page.evaluate(() => {
        const r = document.getElementById('buy')!.getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      });
      // Nothing above the buy button: no link heat, no outline, no "5 clicks".
      const above = { x: 0, y: 56, w: 390, h: buy.y - 56 - 20 };
      expect((await readHeat(page, above))!.sum).toBe(0);
      expect(await readLabels(page, above)).toBe(0);
      // Nor where the visitors' layout put the buy button's clicks (it is drawn on the button).
      expect((await readHeat(page, { x: 0, y: buy.y + buy.h + 20, w: 390, h: 200 }))!.sum).toBe(0);
      expect(hot((await readHeat(page, { x: buy.x + buy.w / 2, y: buy.y + buy.h / 2, w: 1, h: 1 }))!.peak?.rgba)).toBe(
        true,
      );
      await page.close();
    });
  }
});
