import { describe, expect, it } from 'vitest';
import type { Heatmap } from '@heatlens/schema';
import { createSnapshotCache } from './snapshot-cache.js';

const map = (total: number) => ({ total, tiles: [[0, 0, total]], fixed: [] }) as unknown as Heatmap;

describe('snapshot cache', () => {
  it('answers a key only under the tag it was built for, its arrays frozen', () => {
    const cache = createSnapshotCache();
    const built = cache.set('a', '1:0', map(3));
    expect(cache.get('a', '1:0')).toBe(built);
    expect(Object.isFrozen(built.tiles)).toBe(true);
    expect(cache.get('a', '2:0')).toBeUndefined();
    expect(cache.get('b', '1:0')).toBeUndefined();
  });

  it('keeps the most recently read keys up to its size', () => {
    const cache = createSnapshotCache(2);
    cache.set('a', 't', map(1));
    cache.set('b', 't', map(2));
    cache.get('a', 't');
    cache.set('c', 't', map(3));
    expect(cache.get('b', 't')).toBeUndefined();
    expect(cache.get('a', 't')?.total).toBe(1);
    expect(cache.get('c', 't')?.total).toBe(3);
  });
});
