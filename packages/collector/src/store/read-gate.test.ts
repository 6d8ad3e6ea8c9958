import { describe, expect, it } from 'vitest';
import { createReadGate } from './read-gate.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('createReadGate', () => {
  it('runs at most max calls at once, the rest in order', async () => {
    const run = createReadGate(2, 10_000);
    let now = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        run(async () => {
          now++;
          most = Math.max(most, now);
          order.push(i);
          await tick();
          now--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not start a call that waited past its deadline, and lets the next one run', async () => {
    const run = createReadGate(1, 0);
    let started = 0;
    const first = run(async () => {
      started++;
      await tick();
    });
    const late = run(async () => void started++);
    await first;
    await expect(late).rejects.toThrow(/waited over 0 ms/);
    expect(started).toBe(1);
    await run(async () => void started++);
    expect(started).toBe(2);
  });
});
