/// <reference types="node" />
import type { Page } from 'playwright-core';

export {
  CHROME_BUILD,
  configure,
  extensionWorker,
  openPopup,
  prepareTestExtension,
  switchOverlayOn,
  tabIdOf,
} from './test-extension.mjs';
import { colourWaitIn, legendIn, overlayPixelIn } from './overlay-probes.mjs';

/**
 * RGBA of the overlay at a viewport point (CSS px), or null when there is no overlay: the label
 * canvas (lines, outlines, counts) where it has paint, else the heat canvas (a quarter of CSS px,
 * stretched by the compositor). The probe is `overlay-probes.mjs`'s, shared with the Firefox suite.
 */
export function overlayPixel(page: Page, x: number, y: number): Promise<[number, number, number, number] | null> {
  return page.evaluate(overlayPixelIn, [x, y] as [number, number]);
}

/**
 * Resolve with the ms it took until the overlay shows colour at a viewport point (alpha > 0),
 * polling inside the page every few ms; rejects after `timeoutMs`.
 */
export function waitForColour(page: Page, x: number, y: number, timeoutMs = 5_000): Promise<number> {
  return page.evaluate(colourWaitIn, [x, y, timeoutMs] as [number, number, number]);
}

/** The legend's sample count and path, or null without an overlay. */
export function legend(page: Page): Promise<{ total: string; path: string } | null> {
  return page.evaluate(legendIn);
}

/** Centre of an element in viewport CSS px. */
export async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The centre of the heatmap tile (layout v2: `grid` columns across the document's width, rows of
 * `rowPx` page px) under a viewport point, in viewport px: a point on a tile's edge may sample its
 * neighbour, so pixel checks look at tile centres.
 */
export function tileCentre(page: Page, x: number, y: number, grid = 50, rowPx = 20): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py, g, r]) => {
      const w = document.documentElement.scrollWidth / g!;
      const cx = (Math.floor((px! + scrollX) / w) + 0.5) * w - scrollX;
      const cy = (Math.floor((py! + scrollY) / r!) + 0.5) * r! - scrollY;
      return { x: cx, y: cy };
    },
    [x, y, grid, rowPx],
  );
}
