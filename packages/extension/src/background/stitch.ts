import type { CaptureRect, PaintOver } from '../capture-messages.js';

export { MAX_CAPTURE_HEIGHT } from '@heatlens/schema/capture';

/** WebP's largest side (14-bit dimensions); a taller picture is encoded as JPEG. */
export const MAX_WEBP_SIDE = 16_383;

/** Encoder quality for WebP and JPEG, 0..1. */
export const CAPTURE_QUALITY = 0.85;

/** Colours of what a capture paints over: form contents light grey, masked elements and foreign frames dark grey. */
export const PAINT_COLOURS: Record<PaintOver['kind'], string> = {
  field: '#c8ccd2',
  mask: '#5b6270',
  frame: '#5b6270',
};

/** Which rows of a frame go where in the picture: `rows` rows from `srcY` of the crop to `dstY`. */
export type Slice = { srcY: number; dstY: number; rows: number };

/**
 * The part of a frame the picture still needs: a frame scrolled to `top` shows content rows
 * `top .. top + cropH`; rows above `drawn` are in the picture already (the last frame, clamped
 * by the browser at the bottom, overlaps the one before), rows past `height` are cut. Null when
 * the frame adds nothing. CSS px.
 */
export function frameSlice(top: number, cropH: number, drawn: number, height: number): Slice | null {
  const from = Math.max(drawn, top);
  const to = Math.min(top + cropH, height);
  if (to - from < 0.5) return null;
  return { srcY: from - top, dstY: from, rows: to - from };
}

/** The picture being composed, in CSS px (one picture px per CSS px, whatever the screen's scale). */
export type Stitcher = {
  /**
   * Draw `slice` of a viewport capture: `crop` in viewport CSS px; the capture's own px per CSS px
   * is its width over `viewWidth` (the screen's scale and the zoom).
   */
  draw(frame: ImageBitmap, viewWidth: number, crop: CaptureRect, slice: Slice): void;
  /** paint solid boxes over form contents, masked elements and foreign frames */
  paint(boxes: readonly PaintOver[]): void;
  /** write the cut on the picture: a band at the bottom saying where and of how much */
  cut(fullHeight: number): void;
  /**
   * encode: WebP (JPEG when taller than WebP allows, or where WebP cannot be encoded) at `quality`
   * (default `CAPTURE_QUALITY`); `jpeg` forces JPEG
   */
  encode(quality?: number, jpeg?: boolean): Promise<Blob>;
};

/** An `OffscreenCanvas` picture `width` x `height` CSS px (works in a service worker). */
export function createStitcher(width: number, height: number): Stitcher {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot compose a picture (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  return {
    draw(frame, viewWidth, crop, slice) {
      const scale = frame.width / viewWidth;
      const dstY = Math.round(slice.dstY);
      const rows = Math.min(Math.round(slice.dstY + slice.rows) - dstY, h - dstY);
      if (rows <= 0) return;
      ctx.drawImage(
        frame,
        crop.x * scale,
        (crop.y + slice.srcY) * scale,
        Math.min(crop.w, w) * scale,
        rows * scale,
        0,
        dstY,
        Math.min(crop.w, w),
        rows,
      );
    },
    paint(boxes) {
      for (const b of boxes) {
        ctx.fillStyle = PAINT_COLOURS[b.kind];
        ctx.fillRect(Math.floor(b.x), Math.floor(b.y), Math.ceil(b.w) + 1, Math.ceil(b.h) + 1);
      }
    },
    cut(fullHeight) {
      const band = 32;
      ctx.fillStyle = 'rgba(20, 24, 32, 0.92)';
      ctx.fillRect(0, h - band, w, band);
      ctx.fillStyle = '#ffffff';
      ctx.font = '600 15px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      const n = (v: number) => Math.round(v).toLocaleString('en-US');
      ctx.fillText(`Cut here: the page is ${n(fullHeight)} px tall, a capture keeps ${n(h)} px`, 12, h - band / 2);
    },
    async encode(quality = CAPTURE_QUALITY, jpeg = false) {
      if (!jpeg && w <= MAX_WEBP_SIDE && h <= MAX_WEBP_SIDE) {
        const webp = await canvas.convertToBlob({ type: 'image/webp', quality });
        // Browsers that cannot encode WebP answer PNG instead: far larger, so JPEG then.
        if (webp.type === 'image/webp') return webp;
      }
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    },
  };
}
