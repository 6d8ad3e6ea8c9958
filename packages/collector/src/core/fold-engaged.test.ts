import { describe, expect, it } from 'vitest';
import { foldBatch } from './fold.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

/** Engaged ms a batch of these engagement reports adds to its page. */
function engaged(reports: Array<{ ms: number; ago: number }>): number {
  const events = reports.map((r) => ({ type: 'engagement' as const, ts: NOW - r.ago, ms: r.ms }));
  const folded = foldBatch(
    { v: 1, id: 'b1', site: 'shop', sid: 's', path: '/', vw: 1280, sent: NOW, events } as never,
    '/',
    NOW,
    50,
  );
  return folded.items.filter((i) => i.member === 'eng').reduce((n, i) => n + i.n, 0);
}

describe('engaged time per batch', () => {
  it('keeps a real report, up to the wire bound of one hour', () => {
    expect(engaged([{ ms: 42_000, ago: 0 }])).toBe(42_000);
    expect(engaged([{ ms: HOUR, ago: 0 }])).toBe(HOUR);
  });

  it('caps reports at one hour plus the span between the first and the last', () => {
    // Before: 500 reports of an hour each added 1.8e9 ms from one batch.
    expect(engaged(Array.from({ length: 500 }, () => ({ ms: HOUR, ago: 0 })))).toBe(HOUR);
    // Two reports ten minutes apart cover at most an hour before the first and the ten minutes between.
    expect(
      engaged([
        { ms: HOUR, ago: 600_000 },
        { ms: HOUR, ago: 0 },
      ]),
    ).toBe(HOUR + 600_000);
    expect(
      engaged([
        { ms: 5000, ago: 600_000 },
        { ms: 7000, ago: 0 },
      ]),
    ).toBe(12_000);
  });
});
