import { describe, expect, it } from 'vitest';
import { tileOf } from '@heatlens/schema/tiles';
import { frames, readHeat, snapshot } from '@heatlens/testkit/draw-rig';
import { hasChromium } from '@heatlens/testkit/chromium';
import { useDrawRig, opaque } from './support/draw-rig.js';

// The overlay above the page's top layer (a modal <dialog>, a popover paint over any z-index),
// redrawn when one opens or closes; and heat projected back from the scrollable origin on a
// right-to-left page. Read back from real Chromium: the screen's pixels for what is on top, the
// heat canvas for where heat lies.

const BLUE = 'rgb(0, 0, 255)';
const PAGES = {
  '/dialog': `<!doctype html><body style="margin:0;font:16px sans-serif">
    <main style="height:3000px"><button id="open" style="margin:200px">Open</button></main>
    <dialog id="modal" style="position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;
      margin:0;padding:0;border:0;background:${BLUE}"><button id="ok" style="margin:300px">OK</button></dialog>
    <div id="pop" popover style="position:fixed;inset:0;margin:0;width:100vw;height:100vh;border:0;
      background:${BLUE}"><button id="inpop" style="position:absolute;left:400px;top:300px;width:120px;height:40px">
      In the popover</button></div></body>`,
  '/rtl': `<!doctype html><html dir="rtl"><body style="margin:0">
    <div style="width:3200px;height:1200px;position:relative">
      <button id="far" style="position:absolute;right:3000px;top:300px;width:60px;height:40px">far</button>
    </div></body></html>`,
};
const moves = opaque('move', false);
const clicks = opaque('click', false);

/** The screen's colour at (x, y) (viewport px), overlay included. */
async function pixel(page: import('playwright-core').Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(1, 1).getContext('2d')!;
    c.drawImage(img, 0, 0);
    const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!] as [number, number, number];
  }, png.toString('base64'));
}

describe.runIf(hasChromium)('the overlay above the top layer, and on right-to-left pages', () => {
  const rig = useDrawRig(PAGES);

  it('stays visible over a modal dialog opened after it was drawn, and over one open before', async () => {
    const { page, tabId } = await rig.open('/dialog', { width: 1280, height: 700 });
    // Moves around (640, 350) of the page.
    const tiles: [number, number, number][] = [[tileOf(640, 1280), Math.floor(350 / 20), 9]];
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles, total: 9, max: 9 }), moves);
    await frames(page);
    expect(await pixel(page, 640, 350)).not.toEqual([0, 0, 255]);
    // The page opens a modal dialog: the top layer, over any z-index.
    await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).showModal());
    await frames(page);
    await page.waitForTimeout(200);
    const over = await pixel(page, 640, 350);
    expect(over, 'heat over the modal dialog').not.toEqual([0, 0, 255]);
    // Away from the heat the dialog shows: it is open and on screen.
    expect(await pixel(page, 60, 650)).toEqual([0, 0, 255]);
    // Another member: a popover the page shows while the dialog is open goes above it, and the
    // overlay is raised above that too.
    await page.evaluate(() => document.getElementById('pop')!.showPopover());
    await frames(page);
    await page.waitForTimeout(200);
    expect(await pixel(page, 640, 350), 'heat over the popover').not.toEqual([0, 0, 255]);
    expect(await pixel(page, 60, 650)).toEqual([0, 0, 255]);
    await page.close();
  });

  it('redraws when a popover opens: the clicks of an element inside it appear in it', async () => {
    const { page, tabId } = await rig.open('/dialog', { width: 1280, height: 700 });
    const elements = [{ sel: 'button#inpop', count: 5, points: [[5, 5, 5]] as [number, number, number][] }];
    await rig.draw(page, tabId, snapshot({ kind: 'click', tiles: [], total: 5, max: 5, elements }), clicks);
    await frames(page);
    expect((await readHeat(page, { x: 400, y: 300, w: 120, h: 40 }))?.sum ?? 0).toBe(0);
    await page.evaluate(() => document.getElementById('pop')!.showPopover());
    await page.waitForTimeout(500);
    await frames(page);
    expect((await readHeat(page, { x: 400, y: 300, w: 120, h: 40 }))!.sum).toBeGreaterThan(0);
    await page.close();
  });

  it('projects page x back from the scrollable origin on a right-to-left page', async () => {
    const { page, tabId } = await rig.open('/rtl', { width: 1280, height: 700 });
    // The SDK measured the far button (left edge 140 of a 3,200 px page) at x 170.
    const tiles: [number, number, number][] = [[tileOf(170, 3200), Math.floor(320 / 20), 9]];
    await page.evaluate(() => document.getElementById('far')!.scrollIntoView({ inline: 'center', block: 'center' }));
    await rig.draw(page, tabId, snapshot({ kind: 'move', tiles, total: 9, max: 9 }), moves);
    await frames(page);
    const box = (await page.locator('#far').boundingBox())!;
    const heat = (await readHeat(page, { x: 0, y: 0, w: 1280, h: 700 }))!;
    expect(heat.peak).not.toBeNull();
    // The peak lies on the button as laid out today (a column is 64 px wide).
    expect(Math.abs(heat.peak!.x - (box.x + 30))).toBeLessThan(48);
    await page.close();
  });
});
