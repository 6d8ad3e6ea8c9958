import { reachFromBands } from '@heatlens/schema/reach';
import { describe, expect, it } from 'vitest';
import { reachDepth } from './scroll-reach.js';

describe('reachDepth', () => {
  it('finds how far down 25/50/75 % of sessions scrolled', () => {
    const reach = reachFromBands(
      [
        [0, 0, 1],
        [0, 2, 1],
        [0, 3, 2],
      ],
      4,
    );
    expect(reachDepth(reach, 0.75)).toBe(0.75);
    expect(reachDepth(reach, 0.5)).toBe(1);
    expect(reachDepth([0, 0], 0.25)).toBeNull();
  });
});
