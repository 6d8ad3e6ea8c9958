import { describe, expect, it } from 'vitest';
import { heatMax, heatPoints, tileWeights, type ElementBox } from './heat-points.js';
import { SCROLLED } from './layout.fixture.js';
import { flatRun, tupleRun } from './tile-run.js';

const l = SCROLLED;

describe('tile runs', () => {
  it('converts between tuples and one flat array, and keeps a flat array as it is', () => {
    const tuples: [number, number, number][] = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const run = flatRun(tuples);
    expect(run).toEqual([1, 2, 3, 4, 5, 6]);
    expect(flatRun(tuples)).toBe(run); // once per tile list
    expect(flatRun(run)).toBe(run);
    expect(tupleRun(run)).toEqual(tuples);
    expect(tupleRun(tuples)).toBe(tuples);
    expect(flatRun([])).toEqual([]);
  });

  it('draws the same points from a flat run as from the tuples, sorted or not', () => {
    const tuples: [number, number, number][] = [];
    for (let ty = 40; ty < 90; ty += 3) for (let tx = 0; tx < 50; tx += 7) tuples.push([tx, ty, 1 + ((tx + ty) % 5)]);
    const box: ElementBox = { sel: '#a', count: 4, points: [[2, 2, 4]], rect: { x: 100, y: 100, w: 200, h: 80 } };
    const m = { grid: 50, rowPx: 20, fixed: [[3, 1, 2]] as [number, number, number][] };
    const fromTuples = heatPoints({ ...m, tiles: tuples }, l, [box], 30);
    const shuffled = [...tuples].reverse();
    const flat = tuples.flat();
    expect(heatPoints({ ...m, tiles: flat }, l, [box], 30)).toEqual(fromTuples);
    // Out of order: sorted by row first, so the same points (within a row, in another order).
    const byPlace = (ps: number[][]) => [...ps].sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);
    expect(byPlace(heatPoints({ ...m, tiles: shuffled.flat() }, l, [box], 30).page)).toEqual(byPlace(fromTuples.page));
    expect(tileWeights({ ...m, tiles: flat }, l, [box])).toEqual(tileWeights({ ...m, tiles: tuples }, l, [box]));
    expect(heatMax({ max: 0, fixed: [], tiles: flat })).toBe(5);
    expect(fromTuples.page.length).toBeGreaterThan(10);
  });
});
