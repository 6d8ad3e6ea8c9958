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

/**
 * RGBA of the overlay at a viewport point (CSS px), or null when there is no overlay: the label
 * canvas (lines, outlines, counts) where it has paint, else the heat canvas (a quarter of CSS px,
 * stretched by the compositor).
 */
export function overlayPixel(page: Page, x: number, y: number): Promise<[number, number, number, number] | null> {
  return page.evaluate(
    ([px, py]) => {
      const root = document.getElementById('heatlens-overlay')?.shadowRoot;
      const read = (id: string) => {
        const canvas = root?.getElementById(id) as HTMLCanvasElement | null;
        if (!canvas || canvas.width === 0) return null;
        const dpr = canvas.width / innerWidth;
        const d = canvas.getContext('2d')!.getImageData(Math.floor(px! * dpr), Math.floor(py! * dpr), 1, 1).data;
        return [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number];
      };
      const label = read('heatlens-labels');
      return label && label[3] > 0 ? label : read('heatlens-canvas');
    },
    [x, y],
  );
}

/**
 * Resolve with the ms it took until the overlay shows colour at a viewport point (alpha > 0),
 * polling inside the page every few ms; rejects after `timeoutMs`.
 */
export function waitForColour(page: Page, x: number, y: number, timeoutMs = 5_000): Promise<number> {
  return page.evaluate(
    ([px, py, limit]) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const check = () => {
          const canvas = document
            .getElementById('heatlens-overlay')
            ?.shadowRoot?.getElementById('heatlens-canvas') as HTMLCanvasElement | null;
          if (canvas && canvas.width > 0) {
            const dpr = canvas.width / innerWidth;
            const alpha = canvas.getContext('2d')!.getImageData(Math.floor(px! * dpr), Math.floor(py! * dpr), 1, 1)
              .data[3]!;
            if (alpha > 0) return resolve(performance.now() - started);
          }
          if (performance.now() - started > limit!)
            return reject(new Error(`no colour at ${px},${py} within ${limit} ms`));
          setTimeout(check, 5);
        };
        check();
      }),
    [x, y, timeoutMs],
  );
}

/** The legend's sample count and path, or null without an overlay. */
export function legend(page: Page): Promise<{ total: string; path: string } | null> {
  return page.evaluate(() => {
    const root = document.getElementById('heatlens-overlay')?.shadowRoot;
    if (!root) return null;
    return {
      total: root.getElementById('heatlens-total')?.textContent ?? '',
      path: root.getElementById('heatlens-path')?.textContent ?? '',
    };
  });
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
