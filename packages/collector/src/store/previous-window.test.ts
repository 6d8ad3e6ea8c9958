import { describe, expect, it } from 'vitest';
import { previousRange } from './previous-window.js';
import { windowSpec, windowStart } from '../core/windows.js';
import { levelsFor } from '../core/retention.js';

const T = 1_750_000_000_000; // a multiple of 6 h

describe('previousRange', () => {
  it('reads the 5 min before the live window from five 1-min buckets ending before it starts', () => {
    const now = T + 42_000;
    const r = previousRange('5m', now)!;
    expect(r.level.name).toBe('1h');
    expect(r.buckets).toHaveLength(5);
    expect(r.to - r.from).toBe(5 * 60_000);
    const start = windowStart(now, windowSpec('5m'));
    expect(r.to).toBeLessThanOrEqual(start);
    expect(start - r.to).toBeLessThan(60_000);
    expect(r.buckets.every((b) => b % 60_000 === 0)).toBe(true);
  });

  it('reads the day before from four 6 h buckets', () => {
    const r = previousRange('24h', T + 3 * 3600_000)!;
    expect(r.level.name).toBe('30d');
    expect(r.buckets).toEqual([0, 1, 2, 3].map((i) => r.from + i * 6 * 3600_000));
    expect(r.to - r.from).toBe(24 * 3600_000);
  });

  it('has none for the longest window a site keeps', () => {
    expect(previousRange('30d', T, levelsFor(30))).toBeUndefined();
    expect(previousRange('365d', T)).toBeUndefined();
  });

  it('reads the 30 and 90 days before from day buckets when the site keeps them', () => {
    const r = previousRange('30d', T, levelsFor(90))!;
    expect(r.level.name).toBe('90d');
    expect(r.buckets).toHaveLength(30);
    expect(r.to - r.from).toBe(30 * 86_400_000);
    expect(previousRange('90d', T, levelsFor(90))).toBeUndefined();
    expect(previousRange('90d', T, levelsFor(400))!.buckets).toHaveLength(90);
  });
});
