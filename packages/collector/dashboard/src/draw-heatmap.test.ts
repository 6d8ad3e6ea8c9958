import { describe, expect, it } from 'vitest';
import { fixedRowOf, rowOf, tileOf } from '@heatlens/schema/tiles';
import { heatmapPoints, SEGMENT_WIDTH } from './draw-heatmap.js';

// The dashboard's page shape for layout v2: columns across the canvas, rows at absolute page px
// scaled by the canvas width over the segment's page width, the fixed layer over the first screen.

describe('dashboard heatmapPoints', () => {
  it('puts a row at its page px, scaled to the canvas, not at a fraction of the page height', () => {
    // A click at page (640, 3320) on a 1280 px wide page, drawn 400 px wide.
    const [x, y] =
      heatmapPoints(
        { grid: 50, rowPx: 20, tiles: [[tileOf(640, 1280), rowOf(3320), 2]], fixed: [] },
        400,
        SEGMENT_WIDTH.l,
      )[0] ?? [];
    expect(x).toBe(25.5 * 8);
    expect(y).toBe(3330 * (400 / 1280));
  });
  it('draws the fixed layer over the first screen: top rows from the top, bottom rows from the bottom', () => {
    const pts = heatmapPoints(
      {
        grid: 50,
        rowPx: 20,
        tiles: [],
        fixed: [
          [49, fixedRowOf(30, 900), 1],
          [49, fixedRowOf(870, 900), 1],
        ],
      },
      390,
      SEGMENT_WIDTH.s,
    );
    expect(pts[0]![1]).toBe(30);
    expect(pts[1]![1]).toBe(800 - 40 + 10);
  });
});
