import { describe, expect, it } from 'vitest';
import { tileWeights } from '@heatlens/heat/heat-points';
import type { Capture } from './capture-api.js';
import { elementAt, elementBoxes, geometryOf, layoutOf, SEGMENT_WIDTH } from './page-geometry.js';

const capture: Capture = {
  id: 'c1',
  seg: 'l',
  width: 1280,
  height: 3000,
  takenAt: 0,
  elements: [
    { sel: '#buy', name: 'Buy', box: [100, 2000, 200, 40] },
    { sel: 'header', name: 'Top bar', box: [0, 0, 1280, 60], fixed: true },
    { sel: '#card', name: 'Card', box: [80, 1980, 400, 200] },
    { sel: 'li:nth-of-type(2)>a', name: 'Services', box: [0, 0, 0, 0] },
  ],
};
const snap = { seg: 'all', rows: 10, rowPx: 20, kind: 'click' } as const;

describe('page geometry', () => {
  it("is the capture's page, seen whole, its first screen at most 800 px", () => {
    const g = geometryOf(capture, snap);
    expect(layoutOf(g)).toMatchObject({
      rootWidth: 1280,
      rootHeight: 3000,
      docHeight: 3000,
      scrollY: 0,
      viewHeight: 800,
    });
  });
  it("is a page of the segment's width as tall as the rows in use without a capture", () => {
    const g = geometryOf(undefined, { ...snap, seg: 's', rows: 200 });
    expect(g).toMatchObject({ width: SEGMENT_WIDTH.s, height: 4040, elements: [] });
  });
  it("places the snapshot's elements in their recorded boxes by selector; fixed ones in the fixed layer", () => {
    const boxes = elementBoxes(
      {
        elements: [
          { sel: '#buy', count: 3, points: [[1, 1, 3]] },
          { sel: 'header', count: 2, points: [[0, 0, 2]] },
          { sel: '#gone', count: 9, points: [[0, 0, 9]] },
        ],
      },
      geometryOf(capture, snap),
    );
    expect(boxes).toEqual([
      { sel: '#buy', name: 'Buy', count: 3, points: [[1, 1, 3]], rect: { x: 100, y: 2000, w: 200, h: 40 } },
      {
        sel: 'header',
        name: 'Top bar',
        count: 2,
        points: [[0, 0, 2]],
        rect: { x: 0, y: 0, w: 1280, h: 60 },
        pin: 'fixed',
      },
    ]);
  });
  it('counts the clicks of an element captured unrendered (a collapsed menu) as its own, drawn nowhere', () => {
    // Clicks in an open mobile menu, captured closed, were drawn as tile heat over the hero photo.
    const g = geometryOf(capture, snap);
    const tiles = { grid: 50, rowPx: 20, tiles: [[10, 5, 3] as [number, number, number]], fixed: [] };
    const boxes = elementBoxes({ elements: [{ sel: 'li:nth-of-type(2)>a', count: 3, points: [[2, 2, 3]] }] }, g);
    expect(boxes).toEqual([
      {
        sel: 'li:nth-of-type(2)>a',
        name: 'Services',
        count: 3,
        points: [[2, 2, 3]],
        rect: { x: 0, y: 0, w: 0, h: 0 },
        hidden: true,
        unrendered: true,
      },
    ]);
    expect(tileWeights(tiles, layoutOf(g), boxes).page).toBe(0);
    expect(elementAt(g, 0, 0)?.sel).toBe('header'); // not the unrendered link's empty box
  });
  it('finds the smallest named element under a point', () => {
    const g = geometryOf(capture, snap);
    expect(elementAt(g, 150, 2010)?.sel).toBe('#buy');
    expect(elementAt(g, 450, 2100)?.sel).toBe('#card');
    expect(elementAt(g, 700, 1000)).toBeUndefined();
  });
});
