import { describe, expect, it } from 'vitest';
import { VisitorSketch } from './visitor-sketch.js';

const ids = (n: number, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}${i}-${(i * 2654435761) % 1e9}`);

describe('VisitorSketch', () => {
  it('counts exactly while small, duplicates once', () => {
    const s = new VisitorSketch();
    for (const id of [...ids(100), ...ids(100)]) s.add(id);
    expect(s.count()).toBe(100);
  });

  for (const n of [1_000, 40_000, 300_000]) {
    it(`estimates ${n.toLocaleString('en')} sessions within 2 % in at most 16 KiB`, () => {
      const s = new VisitorSketch();
      for (const id of ids(n)) s.add(id);
      expect(Math.abs(s.count() - n) / n).toBeLessThan(0.02);
      expect(s.bytes).toBeLessThanOrEqual(16 * 1024);
    });
  }

  it('unions buckets: shared sessions count once, small and large sketches mix', () => {
    const a = new VisitorSketch();
    const b = new VisitorSketch();
    const small = new VisitorSketch();
    for (const id of ids(30_000)) a.add(id);
    for (const id of ids(30_000).slice(10_000)) b.add(id);
    for (const id of ids(50, 'new')) small.add(id);
    const all = new VisitorSketch();
    for (const s of [small, a, b]) all.merge(s);
    expect(Math.abs(all.count() - 30_050) / 30_050).toBeLessThan(0.02);
  });
});
