import { describe, expect, it } from 'vitest';
import { placeElementLabels } from './element-labels.js';
import type { ElementBox } from './heat-points.js';

/** 6 px a character: a stand-in for the canvas's `measureText`. */
const measure = (t: string) => t.length * 6;
const box = (sel: string, count: number, x: number, w: number, name?: string): ElementBox => ({
  sel,
  count,
  points: [],
  rect: { x, y: 40, w, h: 20 },
  ...(name ? { name } : {}),
});

describe('placeElementLabels', () => {
  it("says an element's name with its clicks, and element: without one", () => {
    const placed = placeElementLabels([box('#a', 3, 0, 200, 'Portfolio'), box('#b', 1, 400, 200)], 800, measure);
    expect(placed.map((l) => l.text)).toEqual(['Portfolio: 3 clicks', 'element: 1 click']);
  });

  it('shortens, then drops, labels of narrow neighbours so none overlap (a navbar)', () => {
    const links = [
      box('#p', 5, 0, 60, 'Portfolio'),
      box('#a', 3, 64, 60, 'About'),
      box('#c', 2, 128, 60, 'Contact'),
      box('#x', 1, 132, 10, 'Extra'),
    ];
    const placed = placeElementLabels(links, 800, measure);
    for (const a of placed)
      for (const b of placed) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x).toBe(true);
    // The most clicked keeps its full label; a neighbour is cut to its box; one with no room is left out.
    expect(placed[0]!.text).toBe('Portfolio: 5 clicks');
    expect(placed.map((l) => l.text)).not.toContain('Extra: 1 click');
    expect(placed.length).toBeLessThan(links.length);
  });

  it('skips hidden and off-view boxes', () => {
    const hidden = { ...box('#h', 9, 0, 100, 'Menu'), hidden: true };
    const below = { ...box('#b', 9, 0, 100, 'Footer'), rect: { x: 0, y: 900, w: 100, h: 20 } };
    expect(placeElementLabels([hidden, below], 800, measure)).toEqual([]);
  });
});
