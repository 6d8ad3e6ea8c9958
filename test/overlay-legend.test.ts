import { describe, expect, it } from 'vitest';
import { rowOf, tileOf } from '@heatlens/schema/tiles';
import type { Page } from 'playwright-core';
import { frames, snapshot, type Rect } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// The legend keeps off the heat in view, in real Chromium: a clicked footer icon at 390 px, page
// heat in the bottom corners, and its compact form when every corner has heat.

const PAGES = {
  '/footer': `<!doctype html><body style="margin:0;font:16px sans-serif"><main style="height:1800px"></main>
    <footer style="height:120px;background:#222;position:relative">
      <a id="gh" href="/gh"
        style="position:absolute;right:16px;bottom:16px;width:32px;height:32px;background:#fff"></a></footer></body>`,
  '/blank': '<!doctype html><body style="margin:0;height:3000px"></body>',
};
const clicks = opaque('click', true);

function legendBox(page: Page): Promise<Rect & { compact: boolean }> {
  return page.evaluate(() => {
    const el = document.getElementById('heatlens-overlay')!.shadowRoot!.getElementById('heatlens-legend')!;
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height, compact: el.hasAttribute('data-compact') };
  });
}
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;

describe.runIf(hasChromium)('the legend keeps off the heat in view', () => {
  const rig = useDrawRig(PAGES);

  it('moves off a clicked footer icon in the bottom-right corner at 390 px', async () => {
    const { page, tabId } = await rig.open('/footer', { width: 390, height: 700 });
    const tiles: [number, number, number][] = [[tileOf(358, 390), rowOf(1888), 5]];
    const elements = [{ sel: 'footer>a#gh', count: 5, points: [[5, 5, 5]] as [number, number, number][] }];
    await rig.draw(page, tabId, snapshot({ tiles, elements, rows: rowOf(1888) + 1, total: 5, max: 5 }), clicks);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await frames(page);
    const icon = await page.evaluate(() => {
      const r = document.getElementById('gh')!.getBoundingClientRect();
      return { x: r.left, y: r.top - 20, w: r.width, h: r.height + 20 }; // its count label above it
    });
    expect(icon.y).toBeGreaterThan(600);
    const legend = await legendBox(page);
    expect(overlaps(legend, icon), JSON.stringify({ legend, icon })).toBe(false);
    expect(legend.compact).toBe(false);
    await page.close();
  });

  it('moves off page heat in both bottom corners, and turns compact when every corner has heat', async () => {
    const { page, tabId } = await rig.open('/blank', { width: 1280, height: 800 });
    const corner = (x: number, y: number, n: number): [number, number, number] => [tileOf(x, 1280), rowOf(y), n];
    const bottom = [corner(1250, 770, 4), corner(30, 770, 4)];
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles: bottom, rows: 40, total: 8, max: 4 }), {
      ...clicks,
      kind: 'move',
    });
    let legend = await legendBox(page);
    expect(legend.y + legend.h).toBeLessThan(200);
    expect(legend.x).toBeGreaterThan(640);
    expect(legend.compact).toBe(false);
    const all = [...bottom, corner(1250, 30, 4), corner(30, 30, 1)];
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles: all, rows: 40, total: 13, max: 4 }), {
      ...clicks,
      kind: 'move',
    });
    legend = await legendBox(page);
    expect(legend.compact).toBe(true);
    expect(legend.h).toBeLessThan(30);
    await page.close();
  });
});
