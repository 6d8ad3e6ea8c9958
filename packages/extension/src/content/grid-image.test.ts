import { describe, expect, it } from 'vitest';
import { paintGrid, reachDepth, scrollReach } from './grid-image.js';

// A palette whose entry i is (i, 255 - i, 0, 255): the painted red channel is the heat index.
const palette = new Uint8ClampedArray(1024);
for (let i = 0; i < 256; i++) palette.set([i, 255 - i, 0, 255], i * 4);
const at = (out: Uint8ClampedArray, grid: number, tx: number, ty: number) => [...out.slice((ty * grid + tx) * 4, (ty * grid + tx) * 4 + 4)];

describe('paintGrid', () => {
  it('paints each tile at its pixel, relative to the hottest', () => {
    const out = new Uint8ClampedArray(4 * 4 * 4);
    paintGrid(out, { kind: 'move', grid: 4, max: 8, total: 12, tiles: [[1, 2, 8], [3, 0, 4]] }, palette, 1);
    expect(at(out, 4, 1, 2)).toEqual([255, 0, 0, 255]);
    expect(at(out, 4, 3, 0)[0]).toBe(128);
    expect(at(out, 4, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('clears what the previous snapshot painted and ignores tiles off the grid', () => {
    const out = new Uint8ClampedArray(4 * 4 * 4).fill(9);
    paintGrid(out, { kind: 'click', grid: 4, max: 1, total: 1, tiles: [[9, 9, 1]] }, palette, 1);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('paints scroll maps by band reach: the top band is seen by everyone', () => {
    const out = new Uint8ClampedArray(4 * 4 * 4);
    paintGrid(out, { kind: 'scroll', grid: 4, max: 2, total: 4, tiles: [[0, 1, 2], [0, 3, 2]] }, palette, 1);
    expect(at(out, 4, 0, 0)[0]).toBe(255);
    expect(at(out, 4, 3, 1)[0]).toBe(255);
    expect(at(out, 4, 2, 2)[0]).toBe(128);
    expect(at(out, 4, 1, 3)[0]).toBe(128);
  });
});

describe('scrollReach', () => {
  it('sums the sessions whose maximum depth is at or below each band', () => {
    expect(scrollReach([[0, 0, 1], [0, 2, 1], [0, 3, 2]], 4)).toEqual([1, 0.75, 0.75, 0.5]);
  });
  it('is zero everywhere without sessions', () => {
    expect(scrollReach([], 3)).toEqual([0, 0, 0]);
  });
});

describe('reachDepth', () => {
  it('finds how far down 25/50/75 % of sessions scrolled', () => {
    const reach = scrollReach([[0, 0, 1], [0, 2, 1], [0, 3, 2]], 4);
    expect(reachDepth(reach, 0.75)).toBe(0.75);
    expect(reachDepth(reach, 0.5)).toBe(1);
    expect(reachDepth([0, 0], 0.25)).toBeNull();
  });
});
