import { describe, expect, it } from 'vitest';
import { pacedSteps } from './paced-steps.js';

describe('pacedSteps', () => {
  it('runs every chunk in order and concatenates the answers', async () => {
    const seen: number[][] = [];
    const out = await pacedSteps([1, 2, 3, 4, 5], {
      size: 2,
      step: (chunk) => (seen.push(chunk), chunk.map((x) => x * 10)),
    });
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
    expect(out).toEqual([10, 20, 30, 40, 50]);
  });

  it('lets other work run between chunks (a write handler is not held behind the whole read)', async () => {
    const order: string[] = [];
    const read = pacedSteps([1, 2, 3], { size: 1, share: 1, step: (c) => (order.push(`step ${c[0]}`), c) });
    setImmediate(() => order.push('write'));
    await read;
    expect(order.indexOf('write')).toBeGreaterThan(0);
    expect(order.indexOf('write')).toBeLessThan(order.length - 1);
  });

  it('rests between chunks in proportion to the share', async () => {
    const starts: number[] = [];
    await pacedSteps([1, 2], {
      size: 1,
      share: 0.5,
      step: async (c) => {
        starts.push(performance.now());
        await new Promise((r) => setTimeout(r, 20));
        return c;
      },
    });
    // The first step took >= 20 ms, so the second starts >= 40 ms after the first (20 work + 20 rest).
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(38);
  });

  it('starts no chunk past the deadline', async () => {
    let steps = 0;
    const read = pacedSteps([1, 2, 3], {
      size: 1,
      deadlineMs: 0,
      t0: performance.now() - 1,
      step: (c) => (steps++, c),
    });
    await expect(read).rejects.toThrow('no answer within 0 ms');
    expect(steps).toBe(0);
  });
});
