import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readHeat, snapshot, type Rect } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// Heat is computed at a quarter of CSS px (SURFACE_SCALE) and stretched by the compositor: a heat
// pixel covers 4 x 4 CSS px. A box that heat is clipped to (an element's, an inner scroller's)
// must not gain the heat pixels its edges cut through: at 390 px a 38 px button grown by up to
// 4 px per side holds a fifth less than the heat drawn around it. Read back as the heat canvas's
// own pixels in real Chromium.

const at = (id: string, x: number, y: number, w: number, h: number) =>
  `<button id="${id}" style="position:absolute;left:${x}px;top:${y}px;` +
  `width:${w}px;height:${h}px;padding:0;border:0">.</button>`;
const PAGES = {
  '/small': `<!doctype html><body style="margin:0;height:2000px">
    ${at('b1', 13, 101, 38, 30)}${at('b2', 203, 250, 42, 26)}${at('b3', 301, 402, 10, 10)}</body>`,
  '/shell': `<!doctype html><html style="height:100%;overflow:hidden">
    <body style="margin:0;height:100%;overflow:hidden">
    <nav style="position:fixed;left:0;top:0;width:203px;height:100%;background:#ddd"></nav>
    <div id="app" style="margin-left:203px;height:100%;overflow:auto">
      <div style="height:4000px"></div></div></body></html>`,
};
const clicks = opaque('click', false);

/** Heat pixels near `r` (within `pad` CSS px): the alpha of those whose centre lies outside it, the most inside. */
function edges(page: Page, r: Rect, pad = 12): Promise<{ outside: number; inside: number }> {
  return page.evaluate(
    ([r, pad]) => {
      const canvas = document
        .getElementById('heatlens-overlay')!
        .shadowRoot!.getElementById('heatlens-canvas') as HTMLCanvasElement;
      const s = canvas.width / innerWidth;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let outside = 0;
      let inside = 0;
      for (
        let py = Math.max(0, Math.floor((r.y - pad) * s));
        py < Math.min(canvas.height, Math.ceil((r.y + r.h + pad) * s));
        py++
      )
        for (
          let px = Math.max(0, Math.floor((r.x - pad) * s));
          px < Math.min(canvas.width, Math.ceil((r.x + r.w + pad) * s));
          px++
        ) {
          const a = d[(py * canvas.width + px) * 4 + 3]!;
          const [cx, cy] = [(px + 0.5) / s, (py + 0.5) / s];
          if (cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h) inside = Math.max(inside, a);
          else outside += a;
        }
      return { outside, inside };
    },
    [r, pad] as const,
  );
}

describe.runIf(hasChromium)('heat clipped to a box at a quarter of CSS px', () => {
  const rig = useDrawRig(PAGES);

  it("keeps every element's click heat inside its box, and a 10 px element's heat still shows", async () => {
    const { page, tabId } = await rig.open('/small', { width: 390, height: 700 });
    const edge: [number, number, number][] = [
      [0, 0, 3],
      [9, 0, 3],
      [0, 9, 3],
      [9, 9, 3],
      [5, 5, 6],
      [0, 5, 3],
      [9, 5, 3],
    ];
    const elements = ['b1', 'b2', 'b3'].map((id) => ({ sel: `button#${id}`, count: 24, points: edge }));
    await rig.draw(page, tabId, snapshot({ elements, total: 72, max: 6 }), clicks);
    for (const [id, r] of [
      ['b1', { x: 13, y: 101, w: 38, h: 30 }],
      ['b2', { x: 203, y: 250, w: 42, h: 26 }],
      ['b3', { x: 301, y: 402, w: 10, h: 10 }],
    ] as const) {
      const e = await edges(page, r);
      expect(e.outside, id).toBe(0);
      expect(e.inside, id).toBeGreaterThan(100);
    }
    await page.close();
  });

  it("keeps an app shell's page heat off its side bar when the bar's edge cuts a heat pixel", async () => {
    const { page, tabId } = await rig.open('/shell', { width: 1280, height: 800 });
    // The first column of #app, hot, at content y 300: its kernel reaches over the bar's edge at x 203.
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles: [[0, 15, 5]], rows: 16, total: 5, max: 5 }), {
      ...clicks,
      kind: 'move',
      radius: 24,
    });
    expect((await readHeat(page, { x: 0, y: 0, w: 203, h: 800 }))!.sum).toBe(0);
    expect((await readHeat(page, { x: 203, y: 250, w: 60, h: 100 }))!.sum).toBeGreaterThan(0);
    await page.close();
  });
});
