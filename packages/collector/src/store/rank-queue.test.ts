import { describe, expect, it } from 'vitest';
import { createRankQueue } from './rank-queue.js';

type Call = { site: string; now: number; batches: string[] };

/** A queue whose timer never fires during a test: every write is one we asked for. */
function queue(write: (c: Call) => Promise<unknown> = async () => {}) {
  const calls: Call[] = [];
  const q = createRankQueue({
    flushMs: 3_600_000,
    write: (site, now, batches) => (calls.push({ site, now, batches }), write({ site, now, batches })),
  });
  return { q, calls };
}

const buckets = (...pairs: Array<[number, number]>) => new Map(pairs);

describe('rank queue', () => {
  it('writes a site queue as one call: id, page, bucket count, then (bucket, events) per batch', async () => {
    const { q, calls } = queue();
    q.add('shop', 'b1', '/a', buckets([5_000, 3], [10_000, 1]), 12_000);
    q.add('shop', 'b2', '/b', buckets([10_000, 2]), 11_000);
    q.add('blog', 'b3', '/', buckets([10_000, 1]), 13_000);
    await q.flush('shop');
    expect(calls).toEqual([
      {
        site: 'shop',
        now: 12_000,
        batches: ['b1', '/a', '2', '5000', '3', '10000', '1', 'b2', '/b', '1', '10000', '2'],
      },
    ]);
    await q.flush('shop');
    expect(calls).toHaveLength(1); // nothing left to write
    await q.close();
    expect(calls.map((c) => c.site)).toEqual(['shop', 'blog']);
  });

  it('keeps a failed write queued, oldest first, and writes it with the next round', async () => {
    let fail = true;
    const { q, calls } = queue(async () => {
      if (fail) throw new Error('store down');
    });
    q.add('shop', 'b1', '/a', buckets([5_000, 1]), 6_000);
    await expect(q.flush('shop')).rejects.toThrow('store down');
    q.add('shop', 'b2', '/a', buckets([5_000, 1]), 7_000);
    fail = false;
    await q.flush('shop');
    expect(calls.at(-1)).toEqual({
      site: 'shop',
      now: 7_000,
      batches: ['b1', '/a', '1', '5000', '1', 'b2', '/a', '1', '5000', '1'],
    });
    await q.close();
    expect(calls).toHaveLength(2);
  });

  it('merges what is added before a flush starts, and waits for a write in flight before the next', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const { q, calls } = queue(async (c) => {
      order.push(`start ${c.batches[0]}`);
      if (c.batches[0] === 'b1') await gate;
      order.push(`end ${c.batches[0]}`);
    });
    q.add('shop', 'b1', '/a', buckets([5_000, 1]), 6_000);
    const first = q.flush('shop');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['start b1']);
    q.add('shop', 'b2', '/a', buckets([5_000, 1]), 6_000);
    const second = q.flush('shop');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['start b1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start b1', 'end b1', 'start b2', 'end b2']);
    expect(calls.map((c) => c.batches[0])).toEqual(['b1', 'b2']);
    // Added before the flush took the queue: one write holds both.
    q.add('shop', 'b3', '/a', buckets([5_000, 1]), 6_000);
    const third = q.flush('shop');
    q.add('shop', 'b4', '/a', buckets([5_000, 1]), 6_000);
    await Promise.all([third, q.flush('shop')]);
    expect(calls.at(-1)!.batches.filter((x) => x.startsWith('b'))).toEqual(['b3', 'b4']);
    expect(calls).toHaveLength(3);
    await q.close();
  });
});
