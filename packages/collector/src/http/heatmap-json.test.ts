import { describe, expect, it } from 'vitest';
import type { Heatmap } from '@heatlens/schema';
import { heatmapJson } from './heatmap-json.js';

const map = (over: Partial<Heatmap> = {}): Heatmap => ({
  site: 'shop',
  path: '/',
  kind: 'click',
  seg: 'all',
  grid: 50,
  rowPx: 40,
  rows: 2,
  windowMs: 300_000,
  from: 1000,
  to: 301_000,
  total: 5,
  max: 3,
  tiles: [
    [1, 0, 3],
    [2, 1, 2],
  ],
  fixed: [],
  ...over,
});

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
