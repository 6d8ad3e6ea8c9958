import type { HeatPoint } from './heat-points.js';
import type { Palette } from './palette.js';

/**
 * The heat kernel of the overlay, pure (no canvas): the algorithm of simpleheat / heatmap.js
 * (a blurred kernel per point, summed, then coloured through a 256-entry palette), computed as a
 * Gaussian blur of the points' weights. Why not simpleheat itself: it stamps one `drawImage` per
 * point, and a full 1280x800 viewport holds ~2,000 tiles; in Chromium's software canvas that
 * measured 24-53 ms p50 per frame (bench/frame-time.mjs) against a 4 ms budget. Here a frame is
 * one splat per point plus three box blurs each way (a Gaussian to within a few percent, O(1) per
 * pixel whatever the radius) on a field at a fraction of CSS px, scaled up when composited.
 */
export type Kernel = {
  /** box half-width in field px of each of the three passes */
  box: number;
  /** field px kept around the visible area so kernels of points just outside still reach in */
  pad: number;
  /** height of the blurred unit impulse at its centre: a lone point of weight `max` maps to 1 */
  peak: number;
};

/** Box passes that approximate a Gaussian (three: within ~3 % of it). */
const PASSES = 3;

/**
 * The kernel for a radius in CSS px at `scale` field px per CSS px: sigma is half the radius, so
 * heat fades out about two radii from a point (the visible edge of simpleheat's default blur).
 */
export function kernelFor(radius: number, scale: number): Kernel {
  const sigma = Math.max(0.5, radius * 0.5 * scale);
  // n passes of width w have variance n * (w^2 - 1) / 12.
  const box = Math.max(1, Math.round((Math.sqrt((12 * sigma * sigma) / PASSES + 1) - 1) / 2));
  const pad = PASSES * box + 1;
  const n = 2 * pad + 1;
  let a = new Float32Array(n);
  let b = new Float32Array(n);
  a[pad] = 1;
  for (let p = 0; p < PASSES; p++) {
    boxBlur(a, b, n, 1, 1, n, box);
    [a, b] = [b, a];
  }
  return { box, pad, peak: a[pad]! * a[pad]! };
}

/**
 * One box-blur pass along one axis: `lines` lines of `len` values, `step` apart inside a line and
 * `stride` apart between lines (1, w for rows; w, 1 for columns), from `src` into `dst`. Lines
 * `used` leaves at 0 are all zeros in `src` (no point was splatted on that row): their blur is
 * zeros, written as such (rows only: `step` 1).
 */
function boxBlur(
  src: Float32Array,
  dst: Float32Array,
  len: number,
  lines: number,
  step: number,
  stride: number,
  r: number,
  used?: Uint8Array,
): void {
  const norm = 1 / (2 * r + 1);
  for (let line = 0; line < lines; line++) {
    const base = line * stride;
    if (used && !used[line]) {
      dst.fill(0, base, base + len);
      continue;
    }
    let acc = 0;
    for (let i = 0; i <= r && i < len; i++) acc += src[base + i * step]!;
    for (let i = 0; i < len; i++) {
      dst[base + i * step] = acc * norm;
      const add = i + r + 1;
      const sub = i - r;
      if (add < len) acc += src[base + add * step]!;
      if (sub >= 0) acc -= src[base + sub * step]!;
    }
  }
}

/**
 * Work buffers of a field, reused across frames (one allocation per size); `mask` marks pixels
 * already added when a layer's clip boxes overlap, `used` the rows a layer's points were splatted on.
 */
export type Field = {
  w: number;
  h: number;
  a: Float32Array;
  b: Float32Array;
  sum: Float32Array;
  mask?: Uint8Array;
  used?: Uint8Array;
};

/** A field covering `w` x `h` visible px plus the kernel's padding on every side. */
export function fieldFor(w: number, h: number, k: Kernel, old?: Field): Field {
  const fw = w + 2 * k.pad;
  const fh = h + 2 * k.pad;
  if (old && old.w === fw && old.h === fh) return old;
  return { w: fw, h: fh, a: new Float32Array(fw * fh), b: new Float32Array(fw * fh), sum: new Float32Array(fw * fh) };
}

/** Points to render together, optionally clipped to a rectangle of the visible area (field px). */
type Box = { x: number; y: number; w: number; h: number };
/** Points to blur together, kept inside `clip` (a box, or a union of boxes) when given. */
export type HeatLayer = { points: readonly HeatPoint[]; clip?: Box | readonly Box[] | undefined };

/**
 * Splat a layer's points (CSS px, scaled by `scale` to field px) bilinearly into `field.a`, each
 * weighing at least `floor`, and blur them; returns the buffer holding the result (`field.a` or
 * `field.b`), `field.w` x `field.h` with `k.pad` px of padding on every side. Exported for the
 * tile-row benchmark, which scores this same field.
 */
export function blurLayer(
  field: Field,
  points: readonly HeatPoint[],
  floor: number,
  k: Kernel,
  scale: number,
): Float32Array {
  const { w: fw, h: fh } = field;
  let a = field.a;
  let b = field.b;
  a.fill(0);
  // Rows no point touches stay zeros through the passes along rows: those passes skip them (a page's
  // tiles are 20 px rows, 5 field px apart at 1/4 scale: 3 field rows in 5 hold no point).
  const used = (field.used = field.used?.length === fh ? field.used : new Uint8Array(fh)).fill(0);
  for (const [px, py, n] of points) {
    const x = px * scale + k.pad;
    const y = py * scale + k.pad;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= fw || y0 + 1 >= fh) continue;
    const fx = x - x0;
    const fy = y - y0;
    const v = Math.max(n, floor);
    const i = y0 * fw + x0;
    a[i] = a[i]! + v * (1 - fx) * (1 - fy);
    a[i + 1] = a[i + 1]! + v * fx * (1 - fy);
    a[i + fw] = a[i + fw]! + v * (1 - fx) * fy;
    a[i + fw + 1] = a[i + fw + 1]! + v * fx * fy;
    used[y0] = 1;
    used[y0 + 1] = 1;
  }
  for (let p = 0; p < PASSES; p++) {
    boxBlur(a, b, fw, fh, 1, fw, k.box, used);
    [a, b] = [b, a];
  }
  for (let p = 0; p < PASSES; p++) {
    boxBlur(a, b, fh, fw, fw, 1, k.box);
    [a, b] = [b, a];
  }
  return a;
}

/**
 * The field px (`[first, end)`, within `0..size`) a clip box's span `at..at + len` keeps: only
 * those wholly inside it, so heat never shows past the box once the field is scaled up (a field px
 * is 4 CSS px: rounding outward grew a 38 px button by a fifth). A span that holds no whole px
 * keeps the one under its middle, so a small element's heat still shows.
 */
export function inward(at: number, len: number, size: number): [number, number] {
  let a = Math.ceil(at);
  let b = Math.floor(at + len);
  if (b <= a) {
    a = Math.floor(at + len / 2);
    b = a + 1;
  }
  return [Math.max(0, a), Math.min(size, b)];
}

/**
 * Render layers of points (in field px of the visible area, x in 0..w, once multiplied by `scale`:
 * CSS px and clip boxes are scaled as they are read, no copy per frame) into `out`, an RGBA buffer
 * of the visible `w` x `h` px: each point's weight is its count, at least `minShare` of `max` (a
 * single sample among thousands still shows), splatted bilinearly (sub-pixel positions, no jitter
 * on scroll), blurred, cut to its layer's clip (whole field px inside it: `inward`), summed,
 * divided by `max` (colour relative to the hottest tile) and coloured through `palette`; alpha grows
 * with heat, so cold edges fade into the page, and is scaled by `opacity` (0..1).
 */
export function renderHeat(
  out: Uint8ClampedArray,
  w: number,
  h: number,
  layers: readonly HeatLayer[],
  max: number,
  k: Kernel,
  field: Field,
  palette: Palette,
  opacity = 1,
  minShare = 0.05,
  scale = 1,
): void {
  const fw = field.w;
  const floor = minShare * max;
  const live = layers.filter((l) => l.points.length > 0);
  let src: Float32Array | null = null;
  if (live.length === 1 && !live[0]!.clip) src = blurLayer(field, live[0]!.points, floor, k, scale);
  else if (live.length > 0) {
    src = field.sum;
    src.fill(0);
    for (const layer of live) {
      const blurred = blurLayer(field, layer.points, floor, k, scale);
      const clips = layer.clip
        ? 'length' in layer.clip
          ? layer.clip
          : [layer.clip]
        : [{ x: -k.pad / scale, y: -k.pad / scale, w: (w + 2 * k.pad) / scale, h: (h + 2 * k.pad) / scale }];
      // Boxes of one layer may overlap (an element inside another): each pixel is added once.
      const done =
        clips.length > 1
          ? (field.mask = field.mask?.length === blurred.length ? field.mask : new Uint8Array(blurred.length)).fill(0)
          : null;
      for (const c of clips) {
        const [x0, x1] = inward(c.x * scale + k.pad, c.w * scale, fw);
        const [y0, y1] = inward(c.y * scale + k.pad, c.h * scale, field.h);
        for (let y = y0; y < y1; y++)
          for (let i = y * fw + x0, end = y * fw + x1; i < end; i++) {
            if (done) {
              if (done[i]) continue;
              done[i] = 1;
            }
            src[i] = src[i]! + blurred[i]!;
          }
      }
    }
  }
  out.fill(0);
  if (!src) return;
  const gain = 255 / (k.peak * Math.max(1e-9, max));
  const alpha = (255 * opacity) / 110;
  for (let y = 0; y < h; y++) {
    let i = (y + k.pad) * fw + k.pad;
    let o = y * w * 4;
    for (let x = 0; x < w; x++, i++, o += 4) {
      const v = src[i]! * gain;
      if (v < 1) continue;
      const c = v >= 255 ? 1020 : (v | 0) * 4;
      out[o] = palette[c]!;
      out[o + 1] = palette[c + 1]!;
      out[o + 2] = palette[c + 2]!;
      out[o + 3] = v >= 110 ? 255 * opacity : v * alpha;
    }
  }
}
