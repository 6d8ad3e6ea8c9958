import type { Page } from 'playwright-core';

/** RGB of a pixel. */
export type Rgb = [number, number, number];

/** A picture decoded by Chromium: its size, whole columns and rectangles of RGB pixels. */
export type Picture = {
  width: number;
  height: number;
  /** the RGB of every row at `x` */
  column(x: number): Rgb[];
  /** the RGB of every pixel of a rectangle, row by row */
  rect(x: number, y: number, w: number, h: number): Promise<Rgb[]>;
  /** how many pixels of a rectangle are not within `tol` of `colour` on every channel (counted in the page) */
  mismatches(box: { x: number; y: number; w: number; h: number }, colour: Rgb, tol: number): Promise<number>;
};

/**
 * Decode an image's bytes in a Chromium `page` (`createImageBitmap`: PNG, JPEG, WebP) and read
 * its pixels back: the columns asked for up front, rectangles on demand.
 */
export async function decodePicture(page: Page, bytes: Uint8Array, columns: number[]): Promise<Picture> {
  const b64 = Buffer.from(bytes).toString('base64');
  const got = await page.evaluate(
    async ([data, xs]) => {
      const raw = Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([raw]));
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      (globalThis as { __picture?: OffscreenCanvasRenderingContext2D }).__picture = ctx;
      const cols = (xs as number[]).map((x) => Array.from(ctx.getImageData(x, 0, 1, bmp.height).data));
      return { width: bmp.width, height: bmp.height, cols };
    },
    [b64, columns] as const,
  );
  const rgb = (d: number[]): Rgb[] => {
    const out: Rgb[] = [];
    for (let i = 0; i < d.length; i += 4) out.push([d[i]!, d[i + 1]!, d[i + 2]!]);
    return out;
  };
  const cols = new Map(columns.map((x, i) => [x, rgb(got.cols[i]!)]));
  return {
    width: got.width,
    height: got.height,
    column(x) {
      const c = cols.get(x);
      if (!c) throw new Error(`column ${x} was not read`);
      return c;
    },
    async rect(x, y, w, h) {
      const d = await page.evaluate(
        ([rx, ry, rw, rh]) =>
          Array.from(
            (globalThis as unknown as { __picture: OffscreenCanvasRenderingContext2D }).__picture.getImageData(
              rx!,
              ry!,
              rw!,
              rh!,
            ).data,
          ),
        [x, y, w, h],
      );
      return rgb(d);
    },
    mismatches(box, colour, tol) {
      return page.evaluate(
        ([b, c, t]) => {
          const ctx = (globalThis as unknown as { __picture: OffscreenCanvasRenderingContext2D }).__picture;
          const d = ctx.getImageData(b.x, b.y, b.w, b.h).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i]! - c[0]) > t || Math.abs(d[i + 1]! - c[1]) > t || Math.abs(d[i + 2]! - c[2]) > t) n++;
          return n;
        },
        [box, colour, tol] as const,
      );
    },
  };
}

/** Whether two colours are within `tol` on every channel (lossy encodings move solid colours a little). */
export function near(a: Rgb, b: Rgb, tol = 12): boolean {
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol && Math.abs(a[2] - b[2]) <= tol;
}

/** The runs (first and last row) of a column whose pixels are near `colour`, ignoring runs shorter than `min` rows. */
export function runsOf(column: Rgb[], colour: Rgb, min = 4, tol = 12): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  column.forEach((px, y) => {
    const hit = near(px, colour, tol);
    if (hit && start < 0) start = y;
    if (!hit && start >= 0) {
      if (y - start >= min) runs.push([start, y - 1]);
      start = -1;
    }
  });
  if (start >= 0 && column.length - start >= min) runs.push([start, column.length - 1]);
  return runs;
}

/** Hex colour (`#rrggbb`) to RGB. */
export function rgbOf(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
