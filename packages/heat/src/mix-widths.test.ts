import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '@heatlens/testkit/snapshot';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { mixWidths, widthsNote } from './mix-widths.js';

const snap = (over: Partial<SnapshotMessage>): SnapshotMessage => emptySnapshot(over) as SnapshotMessage;

describe('mixWidths', () => {
  const all = snap({
    seg: 'all',
    total: 40,
    max: 9,
    rows: 90,
    tiles: [
      [25, 80, 9],
      [10, 5, 6],
    ],
    elements: [{ sel: 'button#subscribe', count: 30, points: [[5, 5, 30]] }],
  });
  const own = snap({
    seg: 'l',
    total: 10,
    max: 6,
    rows: 6,
    tiles: [[10, 5, 6]],
    elements: [{ sel: 'button#subscribe', count: 4, points: [[5, 5, 4]] }],
  });

  it("draws the viewer's width's tiles and every width's elements, and says the other widths' share", () => {
    const mix = mixWidths(all, own);
    expect(mix.tiles).toEqual([[10, 5, 6]]);
    expect([mix.rows, mix.max, mix.total]).toEqual([6, 6, 40]);
    expect(mix.elements).toBe(all.elements);
    expect(mix.widths).toEqual({ seg: 'l', others: 0.75, tiled: [['button#subscribe', 4]] });
  });

  it('leaves scroll maps and single widths as they are', () => {
    expect(mixWidths({ ...all, kind: 'scroll' }, { ...own, kind: 'scroll' })).toEqual({ ...all, kind: 'scroll' });
    expect(mixWidths({ ...all, seg: 'm' }, own)).toEqual({ ...all, seg: 'm' });
    expect(mixWidths(all, { ...own, kind: 'move' })).toBe(all);
  });
});

describe('widthsNote', () => {
  it('names the share and where those samples are drawn', () => {
    const mix = { seg: 'l' as const, others: 0.284, tiled: [] };
    expect(widthsNote(mix, 'click')).toBe('28 % of samples from other widths, shown on their elements only');
    expect(widthsNote(mix, 'move')).toBe('28 % of samples from other widths, not drawn');
    expect(widthsNote({ ...mix, others: 0.004 }, 'click')).toMatch(/^< 1 % of samples/);
    expect(widthsNote({ ...mix, others: 0 }, 'click')).toBe('');
    expect(widthsNote(undefined, 'click')).toBe('');
  });
});
