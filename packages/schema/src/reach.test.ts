import { describe, expect, it } from 'vitest';
import { reachFromBands } from './reach.js';

describe('reachFromBands', () => {
  it('gives each band the share of sessions whose deepest band is at or below it', () => {
    expect(
      reachFromBands(
        [
          [0, 0, 1],
          [0, 2, 1],
          [0, 3, 2],
        ],
        4,
      ),
    ).toEqual([1, 0.75, 0.75, 0.5]);
  });
  it('ignores bands outside the grid and is all zeros without sessions', () => {
    expect(
      reachFromBands(
        [
          [0, -1, 5],
          [0, 9, 5],
          [0, 1, 2],
        ],
        2,
      ),
    ).toEqual([1, 1]);
    expect(reachFromBands([], 3)).toEqual([0, 0, 0]);
  });
});
