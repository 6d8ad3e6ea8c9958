import { describe, expect, it } from 'vitest';
import type { ElementBox } from './heat-points.js';
import { cornerHeat, placeLegend, type LegendPlace } from './legend-place.js';

describe('cornerHeat and placeLegend', () => {
  const view = [1280, 800] as const;
  const place = (points: [number, number, number][], boxes: ElementBox[] = [], last?: LegendPlace) =>
    placeLegend(cornerHeat([points], boxes, ...view), last);
  const box = (x: number, y: number, count = 3): ElementBox => ({
    sel: 'a',
    count,
    points: [],
    rect: { x, y, w: 32, h: 32 },
  });

  it('keeps the bottom-right corner while nothing is drawn there', () => {
    expect(place([[640, 30, 3]])).toEqual({ corner: 'br', compact: false });
  });
  it('moves away from a chat button in the bottom-right corner, then from a bottom bar', () => {
    expect(place([[1250, 770, 5]])).toEqual({ corner: 'bl', compact: false });
    expect(
      place([
        [1250, 770, 5],
        [10, 790, 1],
      ]),
    ).toEqual({ corner: 'tr', compact: false });
  });
  it('keeps off a clicked element box and its label, even with none of its cells in the room', () => {
    // A footer icon at the bottom right whose cells lie below the fold.
    expect(place([], [box(1230, 790)])).toEqual({ corner: 'bl', compact: false });
    // Hidden elements and boxes out of view cover nothing.
    expect(place([], [{ ...box(1230, 700), hidden: true }, box(1230, 900)])).toEqual({ corner: 'br', compact: false });
  });
  it('turns compact in the corner covering least when every corner covers heat', () => {
    const corners: [number, number, number][] = [
      [10, 10, 9],
      [1270, 10, 9],
      [10, 790, 9],
      [1270, 790, 1],
    ];
    expect(place(corners)).toEqual({ corner: 'br', compact: true });
    // Heat in the full room but outside the compact one does not count against the compact form.
    expect(
      place([
        [10, 10, 9],
        [1270, 10, 9],
        [10, 790, 9],
        [1100, 700, 50],
      ]),
    ).toEqual({ corner: 'br', compact: true });
  });
  it('stays where it is while nothing is covered there, and moves only for half the heat (hysteresis)', () => {
    expect(place([[1250, 770, 5]], [], { corner: 'tl', compact: false })).toEqual({ corner: 'tl', compact: false });
    const all = (br: number, bl: number): [number, number, number][] => [
      [10, 10, 9],
      [1270, 10, 9],
      [10, 790, bl],
      [1270, 790, br],
    ];
    expect(place(all(4, 3), [], { corner: 'br', compact: true })).toEqual({ corner: 'br', compact: true });
    expect(place(all(3, 4), [], { corner: 'bl', compact: true })).toEqual({ corner: 'bl', compact: true });
    expect(place(all(4, 1), [], { corner: 'br', compact: true })).toEqual({ corner: 'bl', compact: true });
  });
});
