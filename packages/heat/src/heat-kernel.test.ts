import { describe, expect, it } from 'vitest';
import { fieldFor, kernelFor, renderHeat } from './heat-kernel.js';

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
