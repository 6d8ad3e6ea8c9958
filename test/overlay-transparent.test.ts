import { describe, expect, it } from 'vitest';
import { rowOf, tileOf } from '@heatlens/schema/tiles';
import type { Page } from 'playwright-core';
import { frames, readHeat, snapshot, type Rect } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// Click targets that are transparent until hovered take the clicks all the same (opacity 0 still
// receives pointer events): a portfolio tile covered by its caption (Start Bootstrap Freelancer),
// and a card whose link sits in an `opacity: 0` overlay (a transparent ancestor). Their clicks are
// drawn on them; read back as pixels in real Chromium at 1280 and 390 px.

const PAGE = `<!doctype html><body style="margin:0;font:16px sans-serif">
  <style>
    .portfolio-item{position:relative;display:block;width:min(360px,90vw);height:260px;margin:200px auto 0}
    .portfolio-item img{display:block;width:100%;height:100%;background:#c56}
    .portfolio-item-caption{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;
      background:rgba(26,188,156,.9);opacity:0;transition:opacity .2s}
    .portfolio-item:hover .portfolio-item-caption{opacity:1}
    .card{position:relative;width:min(360px,90vw);height:200px;margin:120px auto 1500px;background:#345}
    .card-overlay{position:absolute;inset:0;opacity:0}
    .card:hover .card-overlay{opacity:1}
    .card-overlay a{position:absolute;left:20px;right:20px;bottom:20px;height:60px;background:#fff}
  </style>
  <div class="portfolio-item" id="tile1"><img alt="">
    <div class="portfolio-item-caption d-flex">+</div></div>
  <div class="card" id="card1"><div class="card-overlay"><a id="more" href="#more">More</a></div></div></body>`;

const clicks = opaque('click', true);
type Cell = [number, number, number];

/** The viewport box of the first element `sel` matches. */
const boxOf = (page: Page, sel: string): Promise<Rect> =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  }, sel);

describe.runIf(hasChromium)('heat of click targets transparent until hovered', () => {
  const rig = useDrawRig({ '/theme': PAGE });

  for (const width of [1280, 390]) {
    it(`draws the clicks of an opacity 0 caption and of a link in a transparent overlay at ${width} px`, async () => {
      const { page, tabId } = await rig.open('/theme', { width, height: 800 });
      await page.mouse.move(1, 1); // nothing hovered: both targets are transparent
      const tile = await boxOf(page, '#tile1');
      const more = await boxOf(page, '#more');
      // Visitors of this width clicked the caption 3 times and the card's link 4 times, in their middles.
      const at = (r: Rect, n: number): Cell => [tileOf(r.x + r.w / 2, width), rowOf(r.y + r.h / 2), n];
      const elements = [
        { sel: 'div#tile1>div.portfolio-item-caption.d-flex', count: 3, points: [[5, 5, 3]] as Cell[] },
        { sel: 'div#card1>div.card-overlay>a#more', count: 4, points: [[5, 5, 4]] as Cell[] },
      ];
      const tiles = [at(tile, 3), at(more, 4)].sort((a, b) => a[1] - b[1]);
      await rig.draw(page, tabId, snapshot({ tiles, elements, rows: tiles[1]![1] + 1, total: 7, max: 4 }), clicks);
      await frames(page);
      const heat = { caption: await readHeat(page, tile), link: await readHeat(page, more) };
      expect({ caption: (heat.caption?.sum ?? 0) > 0, link: (heat.link?.sum ?? 0) > 0 }).toEqual({
        caption: true,
        link: true,
      });
      // Each peak is in its target's middle, where its cells put the clicks.
      for (const [name, r] of [
        ['caption', tile],
        ['link', more],
      ] as const) {
        const peak = heat[name]!.peak!;
        expect(Math.abs(peak.x - (r.x + r.w / 2)), name).toBeLessThan(r.w / 4);
        expect(Math.abs(peak.y - (r.y + r.h / 2)), name).toBeLessThan(r.h / 4);
      }
      await page.close();
    });
  }
});
