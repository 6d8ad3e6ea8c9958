import { WINDOWS } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import {
  BASE_BUCKET_MS,
  MAX_RETENTION_MS,
  SWEEP_MS,
  WINDOW_SPECS,
  bucketOf,
  bucketsIn,
  windowSpec,
  windowStart,
} from './windows.js';

describe('bucketOf', () => {
  it('floors a time to the start of its bucket, on both sides of the epoch', () => {
    expect(bucketOf(12_345, 5_000)).toBe(10_000);
    expect(bucketOf(10_000, 5_000)).toBe(10_000);
    expect(bucketOf(9_999, 5_000)).toBe(5_000);
    // A plain `ts % ms` would give -0 here and 0 for -1, putting -1 ms in the bucket after it.
    expect(bucketOf(-1, 5_000)).toBe(-5_000);
    expect(bucketOf(-5_000, 5_000)).toBe(-5_000);
  });
});

describe('window specs', () => {
  it('cover every window of the schema, shortest first, with the documented bucket sizes', () => {
    expect(WINDOW_SPECS.map((w) => w.name)).toEqual(Object.keys(WINDOWS));
    expect(WINDOW_SPECS.map((w) => w.ms)).toEqual([...WINDOW_SPECS.map((w) => w.ms)].sort((a, b) => a - b));
    expect(WINDOW_SPECS.map((w) => [w.name, w.bucketMs, w.buckets])).toEqual([
      ['5m', 5_000, 60],
      ['1h', 60_000, 60],
      ['24h', 900_000, 96],
      ['30d', 21_600_000, 120],
      ['90d', 86_400_000, 90],
      ['365d', 86_400_000, 365],
    ]);
  });

  it('use buckets that are whole multiples of the base bucket and divide their window', () => {
    for (const w of WINDOW_SPECS) {
      expect(w.bucketMs % BASE_BUCKET_MS, w.name).toBe(0);
      expect(w.buckets * w.bucketMs, w.name).toBe(w.ms);
      // Up to 30 days at most 120 buckets; beyond, history is kept at day resolution.
      expect(w.buckets, w.name).toBeLessThanOrEqual(w.ms > WINDOWS['30d'] ? w.ms / 86_400_000 : 120);
    }
  });

  it('keep each bucket past its window long enough to be subtracted and cascaded', () => {
    for (const w of WINDOW_SPECS) {
      expect(w.ttlMs, w.name).toBe(w.ms + 2 * w.bucketMs);
      expect(w.slackMs, w.name).toBeGreaterThanOrEqual(3 * SWEEP_MS);
    }
  });

  it('look up by name, and the longest retention is 365 days (a site keeping 400 days reads up to 365d)', () => {
    expect(windowSpec('1h').bucketMs).toBe(60_000);
    expect(MAX_RETENTION_MS).toBe(WINDOWS['365d']);
  });
});

describe('windowStart and bucketsIn', () => {
  const live = windowSpec('5m');

  it('list the window buckets oldest first, ending with the bucket that holds now', () => {
    const now = 1_000_002_345;
    const buckets = bucketsIn(now, live);
    expect(buckets).toHaveLength(60);
    expect(buckets.at(-1)).toBe(bucketOf(now, 5_000));
    expect(buckets[0]).toBe(windowStart(now, live));
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]! - buckets[i - 1]!).toBe(5_000);
  });

  it('span between ms - bucketMs and ms behind now, for any now', () => {
    for (const w of WINDOW_SPECS) {
      for (const now of [0, 1, w.bucketMs - 1, w.bucketMs, 1_700_000_000_123]) {
        const span = now - windowStart(now, w);
        expect(span, `${w.name} at ${now}`).toBeGreaterThanOrEqual(w.ms - w.bucketMs);
        expect(span, `${w.name} at ${now}`).toBeLessThan(w.ms);
      }
    }
  });

  it('step the edge one bucket at a time', () => {
    const at = 1_700_000_000_000 - (1_700_000_000_000 % 5_000);
    expect(windowStart(at + 4_999, live)).toBe(windowStart(at, live));
    expect(windowStart(at + 5_000, live)).toBe(windowStart(at, live) + 5_000);
  });
});
