import { describe, expect, it } from 'vitest';
import { diffHeatmaps } from './heat-diff.js';

const map = (
  tiles: Array<[number, number, number]>,
  fixed: Array<[number, number, number]> = [],
  elements?: Array<{ sel: string; count: number }>,
) => ({
  tiles,
  fixed,
  total: [...tiles, ...fixed].reduce((s, t) => s + t[2], 0),
  elements: elements?.map((e) => ({ ...e, points: [] })),
});

describe('diffHeatmaps', () => {
  it('draws nothing for a map against itself', () => {
    const m = map(
      [
        [1, 2, 7],
        [3, 4, 1],
        [10, 40, 333],
      ],
      [[0, -1, 5]],
      [{ sel: '#buy', count: 9 }],
    );
    const d = diffHeatmaps(m, structuredClone(m));
    expect(d).toMatchObject({ tiles: [], fixed: [], elements: [], maxAbs: 0 });
  });

  it('draws nothing for the same shares at another volume (each map normalised by its own total)', () => {
    const a = map([
      [1, 1, 1],
      [2, 2, 3],
    ]);
    const b = map([
      [1, 1, 10],
      [2, 2, 30],
    ]);
    expect(diffHeatmaps(a, b).tiles).toEqual([]);
  });

  it('is the normalised difference tile by tile, in percentage points', () => {
    // now: 1/4 at (0,0), 3/4 at (1,0); then: 1/2 at (0,0), 1/2 at (2,5)
    const now = map([
      [0, 0, 1],
      [1, 0, 3],
    ]);
    const then = map([
      [0, 0, 5],
      [2, 5, 5],
    ]);
    const d = diffHeatmaps(now, then);
    expect(d.tiles).toEqual([
      [0, 0, 25 - 50],
      [1, 0, 75],
      [2, 5, -50],
    ]);
    expect(d.maxAbs).toBe(75);
    expect(d.nowTotal).toBe(4);
    expect(d.thenTotal).toBe(10);
  });

  it('normalises the fixed layer by the same total as the page tiles', () => {
    const now = map([[0, 0, 2]], [[3, -1, 2]]);
    const then = map([[0, 0, 4]]);
    const d = diffHeatmaps(now, then);
    expect(d.tiles).toEqual([[0, 0, -50]]);
    expect(d.fixed).toEqual([[3, -1, 50]]);
  });

  it('ranks elements by the change of their share of clicks, with both counts', () => {
    const now = map(
      [[0, 0, 10]],
      [],
      [
        { sel: '#old', count: 1 },
        { sel: '#new', count: 8 },
        { sel: '#same', count: 1 },
      ],
    );
    const then = map(
      [[0, 0, 20]],
      [],
      [
        { sel: '#old', count: 16 },
        { sel: '#same', count: 2 },
      ],
    );
    const d = diffHeatmaps(now, then);
    expect(d.elements).toEqual([
      { sel: '#new', pp: 80, now: 8, then: 0 },
      { sel: '#old', pp: 10 - 80, now: 1, then: 16 },
    ]);
  });

  it('counts an empty side as no share anywhere', () => {
    const d = diffHeatmaps(map([]), map([[4, 4, 2]]));
    expect(d.tiles).toEqual([[4, 4, -100]]);
  });
});
