import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '@heatlens/testkit/chromium';
import { openPopup, overlayPixel, switchOverlayOn, tabIdOf } from '@heatlens/testkit/extension-e2e';
import { BAND, collectMoves, fixturePage, RED, startChromiumCapture, VIEWPORT } from './support/capture-rig.js';
import { decodePicture, near } from './support/picture.js';
import { useForSuite } from './support/suite-resource.js';

// The overlay saved from the popup as a PNG of the viewport, in real Chromium with the built
// extension and the real collector: the picture is decoded by Chromium and read as pixels.

describe.runIf(hasChromium)('the overlay as a PNG, end to end', () => {
  const rig = useForSuite(() => startChromiumCapture(fixturePage, { masks: ['.private'] }));
  let reader: Page;
  beforeAll(async () => {
    reader = await rig.context.newPage();
  });

  it('the overlay as a PNG of the viewport, heat and legend in it', async () => {
    await rig.worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
    const page = await rig.context.newPage();
    await collectMoves(rig.site, '/capture-long.html');
    await page.goto(rig.site.origin + '/capture-long.html?png');
    await switchOverlayOn(rig.context, rig.worker, rig.id, page, { kind: 'move' });
    await expect
      .poll(async () => (await overlayPixel(page, 640, 300))?.[3] ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const popup = await openPopup(rig.context, rig.id, await tabIdOf(rig.worker, page));
    expect(await popup.isVisible('#overlay-png')).toBe(true);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#overlay-png')]);
    expect(download.suggestedFilename()).toMatch(/^heatlens-demo-capture-long-html-\d{4}-\d\d-\d\d-\d{4}\.png$/);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    await popup.close();
    const pic = await decodePicture(reader, bytes, [640]);
    expect(pic.width).toBe(VIEWPORT.width);
    // The heat is in it: the spot is not the band's colour any more.
    const spot = await pic.rect(635, 295, 10, 10);
    expect(spot.some((px) => !near(px, BAND, 8))).toBe(true);
    // The legend (the overlay's own box, in a corner) is in it: its text is in the PNG.
    const legendBox = await page.evaluate(() => {
      const el = document.getElementById('heatlens-overlay')!.shadowRoot!.getElementById('heatlens-legend');
      const r = (el ?? document.body).getBoundingClientRect();
      return {
        x: Math.round(r.left),
        y: Math.round(r.top),
        w: Math.round(r.width),
        h: Math.round(r.height),
        found: !!el,
      };
    });
    expect(legendBox.found).toBe(true);
    const legendPx = await pic.rect(legendBox.x, legendBox.y, legendBox.w, legendBox.h);
    expect(legendPx.some((px) => !near(px, BAND, 30) && !near(px, RED, 30))).toBe(true);
    await page.close();
  }, 240_000);
});
