import { describe, expect, it } from 'vitest';
import { reachDepth, scrollReach } from './scroll-reach.js';

describe('scrollReach', () => {
  it('sums the sessions whose maximum depth is at or below each band', () => {
    expect(scrollReach([[0, 0, 1], [0, 2, 1], [0, 3, 2]], 4)).toEqual([1, 0.75, 0.75, 0.5]);
  });
  it('is zero everywhere without sessions', () => {
    expect(scrollReach([], 3)).toEqual([0, 0, 0]);
  });
});

describe('reachDepth', () => {
  it('finds how far down 25/50/75 % of sessions scrolled', () => {
    const reach = scrollReach([[0, 0, 1], [0, 2, 1], [0, 3, 2]], 4);
    expect(reachDepth(reach, 0.75)).toBe(0.75);
    expect(reachDepth(reach, 0.5)).toBe(1);
    expect(reachDepth([0, 0], 0.25)).toBeNull();
  });
});
