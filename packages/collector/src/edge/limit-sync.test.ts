import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { createLimitSync, type CounterClient } from './limit-sync.js';

/** A shared counter in this process, standing in for Redis. */
function fakeRedis(): CounterClient & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    async eval(_script, { keys, arguments: args }) {
      const n = (counts.get(keys[0]!) ?? 0) + Number(args[0]);
      counts.set(keys[0]!, n);
      return n;
    },
  };
}

describe('limit sync', () => {
  it("adds the other collectors' counts to the local one", async () => {
    const redis = fakeRedis();
    redis.counts.set('hl:rl:ip:k', 7); // what the others counted
    const limiter = new RateLimiterMemory({ points: 10, duration: 60 });
    const sync = createLimitSync({ client: redis, everyMs: 60_000, timeoutMs: 100, onError: () => {} });
    await limiter.consume('k');
    sync.add(limiter, 'hl:rl:ip', 'k', 60_000, 10);
    await sync.flush();
    expect(redis.counts.get('hl:rl:ip:k')).toBe(8);
    expect((await limiter.get('k'))?.consumedPoints).toBe(8);
    sync.close();
  });

  it('ends a round when a node never answers or a client throws, and reports it', async () => {
    const errors: unknown[] = [];
    const limiter = new RateLimiterMemory({ points: 10, duration: 60 });
    for (const client of [
      { eval: () => new Promise<never>(() => {}) },
      {
        eval: () => {
          throw new Error('cluster: no slot');
        },
      },
    ] as CounterClient[]) {
      const sync = createLimitSync({ client, everyMs: 60_000, timeoutMs: 50, onError: (e) => errors.push(e) });
      sync.add(limiter, 'hl:rl:ip', 'k', 60_000, 10);
      await sync.flush();
      sync.close();
    }
    expect(errors.map((e) => (e as Error).message)).toEqual(['limit sync: no answer within 50 ms', 'cluster: no slot']);
    // Nothing is left to fire after the rounds (an unhandled rejection would fail the run).
    await new Promise((r) => setTimeout(r, 100));
  });
});
