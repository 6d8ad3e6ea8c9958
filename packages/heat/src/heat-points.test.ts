import { describe, expect, it } from 'vitest';
import { heatMax, heatPoints, tileWeights, type ElementBox } from './heat-points.js';
import { SCROLLED } from './layout.fixture.js';

const l = SCROLLED;
const map = (over = {}) => ({
  grid: 50,
  rowPx: 20,
  tiles: [] as [number, number, number][],
  fixed: [] as [number, number, number][],
  ...over,
});

describe('heatPoints', () => {
  it('visits the rows in view alike whether the tiles come sorted by row (as the collector sends) or not', () => {
    const tiles: [number, number, number][] = [
      [1, 47, 1],
      [2, 48, 2],
      [3, 60, 3],
      [4, 76, 4],
      [5, 77, 5],
    ];
    const sorted = heatPoints(map({ tiles }), l, [], 30).page;
    const shuffled = heatPoints(
      map({ tiles: [tiles[3]!, tiles[0]!, tiles[4]!, tiles[2]!, tiles[1]!] }),
      l,
      [],
      30,
    ).page;
    expect(sorted.map((p) => p[2])).toEqual([2, 3, 4]);
    expect(shuffled.sort((a, b) => a[2] - b[2])).toEqual(sorted);
  });
  it('draws the fixed layer only over the pinned boxes when they are known', () => {
    const fixed: [number, number, number][] = [
      [10, 1, 2],
      [10, 10, 3],
    ];
    const header = { x: 0, y: 0, w: 1000, h: 56 };
    expect(heatPoints(map({ fixed }), l, [], 30, [header]).free).toEqual([[210, 30, 2]]);
    expect(heatPoints(map({ fixed }), l, [], 30, []).free).toEqual([]);
    expect(heatPoints(map({ fixed }), l, [], 30).free).toHaveLength(2);
  });
  it('projects visible page tiles and drops those far outside the viewport', () => {
    const { page } = heatPoints(
      map({
        tiles: [
          [10, 60, 3],
          [10, 10, 9],
          [10, 200, 9],
        ],
      }),
      l,
      [],
      30,
    );
    expect(page).toEqual([[210, 210, 3]]);
  });
  it('pins the fixed layer to the viewport, whatever the scroll', () => {
    const { free } = heatPoints(
      map({
        fixed: [
          [49, 1, 2],
          [0, -1, 1],
        ],
      }),
      l,
      [],
      30,
    );
    expect(free).toEqual([
      [990, 30, 2],
      [10, 490, 1],
    ]);
  });
  it("draws an element's cells inside its box and leaves out tiles already drawn there", () => {
    const box: ElementBox = {
      sel: 'a#buy',
      count: 4,
      points: [
        [0, 0, 1],
        [9, 9, 3],
      ],
      rect: { x: 100, y: 100, w: 200, h: 50 },
    };
    // Tile (7, 56) has its centre (150, 130) inside the button: its clicks are the button's.
    const { page, free, elements } = heatPoints(
      map({
        tiles: [
          [7, 56, 4],
          [30, 56, 1],
        ],
        fixed: [[6, 6, 2]],
      }),
      l,
      [box],
      30,
    );
    // The button's 4 clicks are the tile under it: the page's other click is no element's, drawn whole.
    expect(page).toEqual([[610, 130, 1]]);
    expect(free).toEqual([]); // the fixed tile's centre (130, 130) is inside the button too
    expect(elements).toEqual([
      [110, 102.5, 1],
      [290, 147.5, 3],
    ]);
  });
  it('draws no tile heat where resolved elements account for every click (their clicks are on the elements)', () => {
    const box: ElementBox = { sel: 'a#buy', count: 5, points: [[5, 5, 5]], rect: { x: 100, y: 100, w: 200, h: 50 } };
    const { page, free, elements } = heatPoints(map({ tiles: [[40, 80, 5]] }), l, [box], 30);
    expect([page, free, elements]).toEqual([[], [], [[210, 127.5, 5]]]);
  });
  it('counts the clicks of an element scrolled out of an inner root, without drawing it', () => {
    const away: ElementBox = {
      sel: 'button.archive',
      count: 5,
      points: [[5, 5, 5]],
      rect: { x: 100, y: 3000, w: 200, h: 50 },
      hidden: true,
    };
    const { page, elements } = heatPoints(map({ tiles: [[40, 60, 5]] }), l, [away], 30);
    expect([page, elements]).toEqual([[], []]);
  });
  it('takes the clicks of an element the page does not render off its layer, drawing nothing of it', () => {
    // A collapsed menu's link (page layer) and a closed modal's button (fixed layer): no box today.
    const link: ElementBox = {
      sel: 'a#about',
      count: 6,
      points: [[5, 5, 6]],
      rect: { x: 0, y: 0, w: 0, h: 0 },
      hidden: true,
      unrendered: true,
    };
    const close: ElementBox = { ...link, sel: 'button#close', count: 3, pin: 'fixed' };
    const m = map({
      tiles: [
        [2, 53, 6],
        [30, 60, 2],
      ],
      fixed: [
        [40, -3, 3],
        [10, 1, 1],
      ],
    });
    expect(tileWeights(m, l, [link, close])).toEqual({ page: 0.25, fixed: 0.25 });
    const { page, free, elements } = heatPoints(m, l, [link, close], 30);
    expect(page).toEqual([
      [50, 1070 - 1000, 1.5],
      [610, 1210 - 1000, 0.5],
    ]);
    expect(free).toEqual([
      [810, 450, 0.75],
      [210, 30, 0.25],
    ]);
    expect(elements).toEqual([]);
  });
  it("does not lay a visibility-hidden or clipped element's box over the tiles under it", () => {
    const ghost: ElementBox = {
      sel: 'a#about',
      count: 2,
      points: [[5, 5, 2]],
      rect: { x: 0, y: 40, w: 400, h: 40 },
      hidden: true,
      unrendered: true,
    };
    // The tile at (50, 1070) lies under the ghost's box, but its clicks are not the ghost's.
    const { page } = heatPoints(
      map({
        tiles: [
          [2, 53, 6],
          [30, 60, 2],
        ],
      }),
      l,
      [ghost],
      30,
    );
    expect(page).toEqual([
      [50, 70, 4.5],
      [610, 210, 1.5],
    ]);
  });
  it('counts tiles under a page element in page space, whatever the scroll, once under nested boxes', () => {
    const buy: ElementBox = {
      sel: 'button#buy',
      count: 4,
      points: [[5, 5, 4]],
      rect: { x: 100, y: -400, w: 100, h: 40 },
    };
    const outer: ElementBox = { ...buy, sel: 'form#f', count: 0, rect: { x: 80, y: -420, w: 300, h: 100 } };
    // Tile (6, 30) at page (130, 610) is under both boxes, far above the viewport.
    const m = map({
      tiles: [
        [6, 30, 4],
        [30, 60, 4],
      ],
    });
    expect(tileWeights(m, l, [buy, outer])).toEqual({ page: 1, fixed: 0 });
    expect(tileWeights(m, { ...l, scrollY: 0 }, [{ ...buy, rect: { ...buy.rect, y: 600 } }])).toEqual({
      page: 1,
      fixed: 0,
    });
  });
  it("splits a sticky element's clicks between the layers as the other elements leave them unaccounted", () => {
    const cart: ElementBox = {
      sel: 'button#cart',
      count: 4,
      points: [[5, 5, 4]],
      rect: { x: 0, y: 0, w: 0, h: 0 },
      hidden: true,
      unrendered: true,
      pin: 'sticky',
    };
    expect(tileWeights(map({ tiles: [[1, 1, 4]], fixed: [[1, 1, 4]] }), l, [cart])).toEqual({ page: 0.5, fixed: 0.5 });
    // The page's clicks are all the buy button's (elsewhere today): the cart's are the fixed layer's.
    const buy: ElementBox = {
      sel: 'button#buy',
      count: 6,
      points: [[5, 5, 6]],
      rect: { x: 0, y: 0, w: 0, h: 0 },
      hidden: true,
      unrendered: true,
    };
    expect(
      tileWeights(
        map({
          tiles: [[1, 1, 6]],
          fixed: [
            [1, 1, 2],
            [1, -1, 2],
          ],
        }),
        l,
        [cart, buy],
      ),
    ).toEqual({ page: 0, fixed: 0 });
  });
  it('keeps within the scroll root of an app shell', () => {
    const shell = { ...l, rootLeft: 200, rootTop: 100, rootWidth: 800, rootHeight: 400, docWidth: 800 };
    const { page } = heatPoints(
      map({
        tiles: [
          [0, 51, 1],
          [0, 49, 1],
          [0, 40, 1],
        ],
      }),
      shell,
      [],
      0,
    );
    expect(page).toEqual([[208, 100 + 1030 - 1000, 1]]);
  });
});

describe('heatMax', () => {
  it('is the hottest tile, fixed tile or element cell, at least 1', () => {
    expect(heatMax({ max: 4, tiles: [], fixed: [[0, 0, 6]] })).toBe(6);
    expect(
      heatMax({ max: 0, tiles: [[0, 0, 2]], fixed: [], elements: [{ sel: 'a', count: 9, points: [[0, 0, 9]] }] }),
    ).toBe(9);
    expect(heatMax({ max: 0, tiles: [], fixed: [] })).toBe(1);
  });

  it("under All widths takes off each element's clicks at the drawn width only, not at every width", () => {
    // 20 clicks on the button at every width, 4 of them at the viewer's: its tile (elsewhere today)
    // holds those 4; the other 6 page clicks are nobody's.
    const buy: ElementBox = {
      sel: 'button#buy',
      count: 20,
      points: [[5, 5, 20]],
      rect: { x: 100, y: 100, w: 100, h: 40 },
    };
    const m = map({
      tiles: [
        [40, 70, 4],
        [10, 60, 6],
      ],
    });
    expect(tileWeights(m, l, [buy])).toEqual({ page: 0, fixed: 0 });
    expect(tileWeights({ ...m, widths: { tiled: [['button#buy', 4]] } }, l, [buy])).toEqual({ page: 0.6, fixed: 0 });
    expect(tileWeights({ ...m, widths: { tiled: [] } }, l, [buy]).page).toBe(1);
  });
});
