import { describe, expect, it } from 'vitest';
import { WindowState } from './window-state.js';

const q = { site: 's', page: '/', kind: 'move' as const, seg: 'all' as const, grid: 50 };
const span = { from: 0, to: 10, windowMs: 10 };

describe('WindowState', () => {
  it('replaces on a whole answer and applies a delta over it, dropping members at 0', () => {
    const s = new WindowState(q);
    expect(
      s.apply({
        full: true,
        cursor: 'c1',
        members: [
          ['1:1', 2],
          ['2:2', 1],
        ],
        ...span,
      }),
    ).toEqual(['1:1', '2:2']);
    expect(
      s.apply({
        full: false,
        cursor: 'c2',
        members: [
          ['1:1', 2],
          ['2:2', 0],
          ['3:3', 4],
        ],
        ...span,
      }),
    ).toEqual(['2:2', '3:3']);
    expect([...s.members]).toEqual([
      ['1:1', 2],
      ['3:3', 4],
    ]);
    expect(s.cursor).toBe('c2');
    expect(s.heatmap()).toMatchObject({
      total: 6,
      max: 4,
      tiles: [
        [1, 1, 2],
        [3, 3, 4],
      ],
    });
    // A whole answer drops what it does not list.
    expect(s.apply({ full: true, cursor: 'c3', members: [['5:5', 1]], ...span }).sort()).toEqual(['1:1', '3:3', '5:5']);
    expect([...s.members]).toEqual([['5:5', 1]]);
  });

  it("keeps scroll's negative differences", () => {
    const s = new WindowState({ ...q, kind: 'scroll' });
    s.apply({
      full: false,
      cursor: 'c',
      members: [
        ['0', 2],
        ['3', -2],
      ],
      ...span,
    });
    expect(s.heatmap().tiles).toEqual([[0, 2, 2]]);
  });
});
