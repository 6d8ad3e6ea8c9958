import { describe, expect, it } from 'vitest';
import type { Heatmap } from '@heatlens/schema';
import { heatmapJson } from './heatmap-json.js';
import { emptySnapshot } from '@heatlens/testkit/snapshot';

// A heatmap as the store answers it: the testkit's snapshot frame without the frame's own fields.
const map = (over: Partial<Heatmap> = {}): Heatmap => {
  const {
    type: _type,
    stats: _stats,
    ...heatmap
  } = emptySnapshot({
    site: 'shop',
    rowPx: 40,
    rows: 2,
    from: 1000,
    to: 301_000,
    total: 5,
    max: 3,
    tiles: [
      [1, 0, 3],
      [2, 1, 2],
    ],
  });
  return { ...heatmap, ...over };
};

describe('heatmapJson', () => {
  it('is JSON.stringify of the map, with and without elements', () => {
    expect(heatmapJson(map())).toBe(JSON.stringify(map()));
    const withElements = map({ elements: [{ sel: '#buy', count: 3, points: [[1, 0, 3]] }] });
    expect(heatmapJson(withElements)).toBe(JSON.stringify(withElements));
  });

  it('reuses the layers of frozen tiles, each answer with its own span', () => {
    const shared = map();
    Object.freeze(shared.tiles);
    expect(heatmapJson(shared)).toBe(JSON.stringify(shared));
    const later = { ...shared, from: 2000, to: 302_000 };
    expect(heatmapJson(later)).toBe(JSON.stringify(later));
  });
});
