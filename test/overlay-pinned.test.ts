import { describe, expect, it } from 'vitest';
import { fixedRowOf, tileOf } from '@heatlens/schema/tiles';
import { frames, readHeat, snapshot } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// The fixed layer's heat belongs on what the owner's page pins to the viewport now. Visitors who
// moved over an open mobile menu or a cookie banner left fixed tiles where the owner's page shows
// only content; those tiles are not drawn, at any scroll, while the header's are. Read back as
// pixels in real Chromium.

const ARTICLE = '<p>' + 'Lorem ipsum dolor sit amet. '.repeat(40) + '</p>';
const PAGES = {
  '/header': `<!doctype html><body style="margin:0;font:16px sans-serif">
    <nav style="position:fixed;top:0;left:0;right:0;height:56px;background:#222;z-index:1">
      <button id="menu" style="position:absolute;right:10px;top:8px;width:48px;height:40px">=</button></nav>
    <main style="padding-top:56px;height:4000px">${ARTICLE.repeat(8)}</main></body>`,
  '/shell': `<!doctype html><html style="height:100%;overflow:hidden">
    <body style="margin:0;height:100%;overflow:hidden;display:flex">
    <aside id="side" style="width:200px;height:100%;background:#ddd"><a id="home" href="/">Home</a></aside>
    <div id="app" style="flex:1;height:100%;overflow:auto"><div style="height:4000px">${ARTICLE}</div></div>
    </body></html>`,
};
const moves = opaque('move', false);

describe.runIf(hasChromium)('the fixed layer drawn only on what the page pins now', () => {
  const rig = useDrawRig(PAGES);

  it("draws a visitor's moves over an open menu and a bottom banner nowhere, the header's on the header", async () => {
    const view = { width: 390, height: 700 };
    const { page, tabId } = await rig.open('/header', view);
    // Moves over the menu button (y 28), over the open menu's third link (y 200) and over a cookie
    // banner's button at the bottom (y 670): all in the fixed layer at the visitors'.
    const fixed: [number, number, number][] = [
      [tileOf(360, 390), fixedRowOf(28, 700), 6],
      [tileOf(60, 390), fixedRowOf(200, 700), 6],
      [tileOf(200, 390), fixedRowOf(670, 700), 6],
    ];
    await rig.draw(page, tabId, snapshot({ kind: 'move', fixed, total: 18, max: 6 }), moves);
    for (const y of [0, 1700]) {
      await page.evaluate((y) => scrollTo(0, y), y);
      await page.waitForTimeout(300); // the pinned boxes are found again once a scroll settles
      await frames(page);
      expect((await readHeat(page, { x: 0, y: 140, w: 200, h: 120 }))!.sum, `menu, scroll ${y}`).toBe(0);
      expect((await readHeat(page, { x: 100, y: 620, w: 200, h: 80 }))!.sum, `banner, scroll ${y}`).toBe(0);
      expect((await readHeat(page, { x: 340, y: 8, w: 40, h: 40 }))!.sum, `header, scroll ${y}`).toBeGreaterThan(0);
    }
    await page.close();
  });

  it("keeps the fixed layer over an app shell's side bar, beside its inner scroller", async () => {
    const { page, tabId } = await rig.open('/shell', { width: 1280, height: 700 });
    const fixed: [number, number, number][] = [[tileOf(40, 1280), fixedRowOf(10, 700), 6]];
    await rig.draw(page, tabId, snapshot({ kind: 'move', fixed, total: 6, max: 6 }), moves);
    await page.evaluate(() => (document.getElementById('app')!.scrollTop = 1500));
    await page.waitForTimeout(300);
    await frames(page);
    expect((await readHeat(page, { x: 20, y: 0, w: 60, h: 30 }))!.sum).toBeGreaterThan(0);
    await page.close();
  });
});
