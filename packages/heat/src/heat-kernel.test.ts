import { describe, expect, it } from 'vitest';
import { blurLayer, fieldFor, kernelFor, renderHeat, type Kernel } from './heat-kernel.js';

// A palette whose entry i is (i, 0, 255 - i, 255): the red channel is the heat index.
const palette = new Uint8ClampedArray(1024);
for (let i = 0; i < 256; i++) palette.set([i, 0, 255 - i, 255], i * 4);

function render(points: [number, number, number][], max: number, w = 60, h = 40, radius = 16) {
  const k = kernelFor(radius, 0.25);
  const out = new Uint8ClampedArray(w * h * 4);
  renderHeat(out, w, h, [{ points }], max, k, fieldFor(w, h, k), palette);
  return {
    red: (x: number, y: number) => out[(y * w + x) * 4]!,
    alpha: (x: number, y: number) => out[(y * w + x) * 4 + 3]!,
    out,
  };
}

describe('renderHeat', () => {
  it('puts a single hot tile at full heat on its centre and lets it fall off with distance', () => {
    const { red, alpha } = render([[30, 20, 5]], 5);
    expect(red(30, 20)).toBeGreaterThanOrEqual(250);
    const profile = [0, 1, 2, 3, 4, 6].map((d) => red(30 + d, 20));
    for (let i = 1; i < profile.length; i++) expect(profile[i]).toBeLessThan(profile[i - 1]!);
    expect(red(30, 23)).toBe(red(30, 17)); // symmetric
    expect(alpha(30 + 12, 20)).toBe(0); // gone three radii away
    expect(alpha(0, 0)).toBe(0);
  });
  it('colours relative to the hottest tile, and still shows one sample among thousands', () => {
    const { red } = render(
      [
        [15, 20, 1000],
        [45, 20, 1],
      ],
      1000,
    );
    expect(red(15, 20)).toBeGreaterThanOrEqual(250);
    expect(red(45, 20)).toBeGreaterThan(0);
    expect(red(45, 20)).toBeLessThan(30);
  });
  it('lets a point just outside the area reach in, and moves smoothly with sub-pixel positions', () => {
    expect(render([[-2, 20, 1]], 1).alpha(0, 20)).toBeGreaterThan(0);
    const a = render([[30, 20, 1]], 1).red(31, 20);
    const b = render([[30.5, 20, 1]], 1).red(31, 20);
    const c = render([[31, 20, 1]], 1).red(31, 20);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });
  it('cuts a clipped layer at its clip and adds an unclipped one over it', () => {
    const w = 60;
    const h = 40;
    const k = kernelFor(16, 0.25);
    const out = new Uint8ClampedArray(w * h * 4);
    renderHeat(
      out,
      w,
      h,
      [{ points: [[20, 20, 1]], clip: { x: 20, y: 0, w: 40, h: 40 } }, { points: [[50, 20, 1]] }],
      1,
      k,
      fieldFor(w, h, k),
      palette,
      0.5,
    );
    const alpha = (x: number, y: number) => out[(y * w + x) * 4 + 3]!;
    expect(alpha(19, 20)).toBe(0);
    expect(alpha(21, 20)).toBeGreaterThan(0);
    expect(alpha(50, 20)).toBe(128); // full heat at half opacity
  });
  it('widens with the radius setting', () => {
    expect(render([[30, 20, 1]], 1, 60, 40, 8).alpha(36, 20)).toBe(0);
    expect(render([[30, 20, 1]], 1, 60, 40, 40).alpha(36, 20)).toBeGreaterThan(0);
  });
});

/** The blur as one plain loop per line over every row and column (what `blurLayer` must equal exactly). */
function referenceBlur(points: Array<[number, number, number]>, fw: number, fh: number, k: Kernel): Float32Array {
  let a = new Float32Array(fw * fh);
  let b = new Float32Array(fw * fh);
  for (const [x, y, n] of points) a[y * fw + x] = a[y * fw + x]! + n;
  const pass = (len: number, lines: number, step: number, stride: number) => {
    const norm = 1 / (2 * k.box + 1);
    for (let line = 0; line < lines; line++) {
      let acc = 0;
      for (let i = 0; i <= k.box && i < len; i++) acc += a[line * stride + i * step]!;
      for (let i = 0; i < len; i++) {
        b[line * stride + i * step] = acc * norm;
        if (i + k.box + 1 < len) acc += a[line * stride + (i + k.box + 1) * step]!;
        if (i - k.box >= 0) acc -= a[line * stride + (i - k.box) * step]!;
      }
    }
    [a, b] = [b, a];
  };
  for (let p = 0; p < 3; p++) pass(fw, fh, 1, fw);
  for (let p = 0; p < 3; p++) pass(fh, fw, fw, 1);
  return a;
}

describe('blurLayer', () => {
  it('blurs rows with no point as zeros, giving exactly the plain blur of every row, frame after frame', () => {
    const k = kernelFor(16, 0.25);
    const [w, h] = [40, 30];
    const field = fieldFor(w, h, k);
    // Points on whole field px (scale 1, shifted by the padding), on every 5th row as a page's
    // tiles lie at 1/4 scale; the second frame moves them, so rows the first used go empty.
    for (const shift of [0, 2]) {
      const points: Array<[number, number, number]> = [];
      for (let y = shift; y < h; y += 5) for (let x = 1; x < w; x += 3) points.push([x, y, 1 + ((x + y) % 5) * 0.37]);
      const got = blurLayer(field, points, 0, k, 1);
      const want = referenceBlur(
        points.map(([x, y, n]) => [x + k.pad, y + k.pad, n]),
        field.w,
        field.h,
        k,
      );
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });
});
