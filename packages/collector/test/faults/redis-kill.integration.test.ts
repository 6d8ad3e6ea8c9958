import { describe, expect, it } from 'vitest';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { runRedisRestart } from '../../src/test-support/redis-restart.js';

/**
 * Redis SIGKILLed and restarted under load. With `appendfsync always` every write Redis answered
 * is on disk, so "acknowledged => counted" is exact: each batch that got a 204 is counted once,
 * and batches whose answer was lost in the crash are retried with the same id and deduplicated.
 * (`everysec` survives a killed process too, since Redis writes the AOF before it replies; only
 * a host crash can lose its last second: see docs/production.md.)
 */
describe.runIf(redisAvailable())('Redis killed and restarted under load (AOF always)', () => {
  it('counts every acknowledged batch exactly once after SDK-style retries', async () => {
    const batches = 1200;
    const r = await runRedisRestart({ batches });
    expect(r.acked).toBe(batches);
    expect(r.unexpected).toBe(0);
    // The crash was felt: some attempts failed and were retried.
    expect(r.attempts).toBeGreaterThan(batches);
    expect(r.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(r.diffs).toEqual([]);
  }, 60_000);
});
