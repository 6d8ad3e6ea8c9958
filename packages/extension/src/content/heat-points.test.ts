import { describe, expect, it } from 'vitest';
import { heatMax, heatPoints, type ElementBox } from './heat-points.js';
import type { Layout } from './project.js';

const l: Layout = {
  rootLeft: 0, rootTop: 0, rootWidth: 1000, rootHeight: 500, scrollX: 0, scrollY: 1000,
  docWidth: 1000, docHeight: 6000, viewWidth: 1000, viewHeight: 500,
};
const map = (over = {}) => ({ grid: 50, rowPx: 20, tiles: [] as [number, number, number][], fixed: [] as [number, number, number][], ...over });

describe('heatPoints', () => {
  it('projects visible page tiles and drops those far outside the viewport', () => {
    const { page } = heatPoints(map({ tiles: [[10, 60, 3], [10, 10, 9], [10, 200, 9]] }), l, [], 30);
    expect(page).toEqual([[210, 210, 3]]);
  });
  it('pins the fixed layer to the viewport, whatever the scroll', () => {
    const { free } = heatPoints(map({ fixed: [[49, 1, 2], [0, -1, 1]] }), l, [], 30);
    expect(free).toEqual([[990, 30, 2], [10, 490, 1]]);
  });
  it("draws an element's cells inside its box and leaves out tiles already drawn there", () => {
    const box: ElementBox = { sel: 'a#buy', count: 4, points: [[0, 0, 1], [9, 9, 3]], rect: { x: 100, y: 100, w: 200, h: 50 } };
    // Tile (7, 56) has its centre (150, 130) inside the button: its clicks are the button's.
    const { page, free, elements } = heatPoints(map({ tiles: [[7, 56, 4], [30, 56, 1]], fixed: [[6, 6, 2]] }), l, [box], 30);
    // 4 of the 7 clicks are the button's: the rest of the tiles keep 3/7 of their weight.
    expect(page.map(([x, y, n]) => [x, y, n.toFixed(4)])).toEqual([[610, 130, (3 / 7).toFixed(4)]]);
    expect(free).toEqual([]); // the fixed tile's centre (130, 130) is inside the button too
    expect(elements).toEqual([[110, 102.5, 1], [290, 147.5, 3]]);
  });
  it('draws no tile heat where resolved elements account for every click (their clicks are on the elements)', () => {
    const box: ElementBox = { sel: 'a#buy', count: 5, points: [[5, 5, 5]], rect: { x: 100, y: 100, w: 200, h: 50 } };
    const { page, free, elements } = heatPoints({ ...map({ tiles: [[40, 80, 5]] }), total: 5 }, l, [box], 30);
    expect([page, free, elements]).toEqual([[], [], [[210, 127.5, 5]]]);
  });
  it('counts the clicks of an element scrolled out of an inner root, without drawing it', () => {
    const away: ElementBox = { sel: 'button.archive', count: 5, points: [[5, 5, 5]], rect: { x: 100, y: 3000, w: 200, h: 50 }, hidden: true };
    const { page, elements } = heatPoints({ ...map({ tiles: [[40, 60, 5]] }), total: 5 }, l, [away], 30);
    expect([page, elements]).toEqual([[], []]);
  });
  it('keeps within the scroll root of an app shell', () => {
    const shell = { ...l, rootLeft: 200, rootTop: 100, rootWidth: 800, rootHeight: 400, docWidth: 800 };
    const { page } = heatPoints(map({ tiles: [[0, 51, 1], [0, 49, 1], [0, 40, 1]] }), shell, [], 0);
    expect(page).toEqual([[208, 100 + 1030 - 1000, 1]]);
  });
});

describe('heatMax', () => {
  it('is the hottest tile, fixed tile or element cell, at least 1', () => {
    expect(heatMax({ max: 4, tiles: [], fixed: [[0, 0, 6]] })).toBe(6);
    expect(heatMax({ max: 0, tiles: [[0, 0, 2]], fixed: [], elements: [{ sel: 'a', count: 9, points: [[0, 0, 9]] }] })).toBe(9);
    expect(heatMax({ max: 0, tiles: [], fixed: [] })).toBe(1);
  });
});
