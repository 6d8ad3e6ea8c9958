import { describe, expect, it } from 'vitest';
import { fixedRowOf, rowOf, tileOf } from '@heatlens/schema/tiles';
import { fixedTileCentre, pageTileCentre, visibleRows, type Layout } from './project.js';

const layout = (over: Partial<Layout> = {}): Layout => ({
  rootLeft: 0,
  rootTop: 0,
  rootWidth: 1280,
  rootHeight: 800,
  scrollX: 0,
  scrollY: 0,
  docWidth: 1280,
  docHeight: 6000,
  viewWidth: 1280,
  viewHeight: 800,
  ...over,
});

describe('pageTileCentre (layout v2)', () => {
  it('puts a row at its absolute page px and a column at its fraction of the width', () => {
    // A visitor clicked at page (500, 2510) of a 1280 px wide page: tile (19, 125).
    const [tx, ty] = [tileOf(500, 1280), rowOf(2510)];
    expect(pageTileCentre(tx, ty, 50, 20, layout())).toEqual({ x: 499.2, y: 2510 });
  });
  it('follows the scroll offset, whatever the page height', () => {
    const p = pageTileCentre(19, 125, 50, 20, layout({ scrollY: 2300, docHeight: 90_000 }));
    expect(p.y).toBe(2510 - 2300);
  });
  it('moves with an inner scroller: its box and its own scroll offset', () => {
    // An app shell: a 64 px header, then #app (left 240) scrolled to 3000 of 4000 px.
    const l = layout({
      rootLeft: 240,
      rootTop: 64,
      rootWidth: 1040,
      rootHeight: 736,
      scrollY: 3000,
      docWidth: 1040,
      docHeight: 4000,
    });
    const p = pageTileCentre(tileOf(520, 1040), rowOf(3320), 50, 20, l);
    expect(p.x).toBeCloseTo(240 + 520 + 10.4, 6); // column 25 of 20.8 px: centre at 530.4
    expect(p.y).toBe(64 + 3330 - 3000);
  });
});

describe('fixedTileCentre', () => {
  it('pins top rows to the top edge and negative rows to the bottom edge, at any scroll', () => {
    const tall = layout({ viewHeight: 900, scrollY: 1700 });
    expect(fixedTileCentre(40, fixedRowOf(30, 900), 50, 20, tall)).toEqual({ x: 1036.8, y: 30 });
    // A chat button 40 px above the bottom of a 900 px viewport stays 40-ish px above it in a 600 px one.
    const ty = fixedRowOf(860, 900);
    expect(ty).toBe(-3);
    expect(fixedTileCentre(48, ty, 50, 20, layout({ viewHeight: 600 })).y).toBe(600 - 60 + 10);
  });
});

describe('visibleRows', () => {
  it('lists the rows that reach the root box, with kernel spill', () => {
    expect(visibleRows(layout({ scrollY: 1000 }), 20, 40)).toEqual([48, 92]);
    expect(visibleRows(layout(), 20, 0)).toEqual([0, 40]);
    expect(visibleRows(layout({ rootHeight: 0 }), 20, 0)).toBeNull();
  });
});
