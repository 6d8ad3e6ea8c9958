import { describe, expect, it } from 'vitest';
import { tileOf } from '@heatlens/schema/tiles';
import { gridRect, isVisible, tileRect, visibleRange, type Layout } from './project.js';

const layout = (over: Partial<Layout> = {}): Layout => ({
  docWidth: 1000, docHeight: 5000, scrollX: 0, scrollY: 0, viewWidth: 1000, viewHeight: 800, ...over,
});

/** The viewport point where a visitor's page point lands today, through its tile. */
function viewportOfPagePoint(x: number, y: number, visitorDoc: { w: number; h: number }, l: Layout) {
  const r = tileRect(tileOf(x, visitorDoc.w), tileOf(y, visitorDoc.h), 50, l);
  return r;
}

describe('tileRect', () => {
  it('maps a tile from document fractions to the viewport of an unscrolled page', () => {
    expect(tileRect(10, 4, 50, layout())).toEqual({ x: 200, y: 400, w: 20, h: 100 });
  });

  it('moves tiles up as the page scrolls, and sideways with scrollX', () => {
    expect(tileRect(10, 4, 50, layout({ scrollY: 350 }))).toEqual({ x: 200, y: 50, w: 20, h: 100 });
    expect(tileRect(10, 4, 50, layout({ scrollX: 150, scrollY: 350 }))).toMatchObject({ x: 50, y: 50 });
  });

  it('stretches tiles with today\'s layout when the window is resized', () => {
    // A visitor clicked at page (500, 2500) of a 1000x5000 document: the middle tile.
    const visitor = { w: 1000, h: 5000 };
    const today = layout({ docWidth: 1600, docHeight: 4000, viewWidth: 1600 });
    const r = viewportOfPagePoint(500, 2500, visitor, today);
    expect(r).toEqual({ x: 800, y: 2000, w: 32, h: 80 });
  });

  it('keeps a tall page\'s bottom tile exact 100,000 px down', () => {
    const tall = layout({ docHeight: 100_000, scrollY: 100_000 - 800 });
    const r = tileRect(0, 49, 50, tall);
    expect(r.y).toBe(98_000 - 99_200);
    expect(r.y + r.h).toBe(800); // the bottom tile ends at the viewport's bottom edge
    expect(isVisible(r, tall)).toBe(true);
    expect(isVisible(tileRect(0, 0, 50, tall), tall)).toBe(false);
  });
});

describe('visibleRange', () => {
  it('lists the rows of tiles the viewport overlaps', () => {
    expect(visibleRange(0, 800, 5000, 50)).toEqual([0, 7]);
    expect(visibleRange(350, 800, 5000, 50)).toEqual([3, 11]);
    expect(visibleRange(4200, 800, 5000, 50)).toEqual([42, 49]);
  });
  it('is empty for an empty document or viewport, and clamps past the end', () => {
    expect(visibleRange(0, 800, 0, 50)).toBeNull();
    expect(visibleRange(0, 0, 5000, 50)).toBeNull();
    expect(visibleRange(9000, 800, 5000, 50)).toBeNull();
    expect(visibleRange(0, 800, 400, 50)).toEqual([0, 49]);
  });
});

describe('gridRect', () => {
  it('is the whole document, offset by the scroll position', () => {
    expect(gridRect(layout({ scrollX: 5, scrollY: 1200 }))).toEqual({ x: -5, y: -1200, w: 1000, h: 5000 });
  });
});
