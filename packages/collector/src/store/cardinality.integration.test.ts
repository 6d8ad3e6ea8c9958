import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { folded } from './contract/fixtures.js';
import { MAX_FAMILY_MEMBERS } from '../core/limits.js';
import { createRedisStore, type RedisLike } from './redis.js';

const T0 = 1_750_000_000_000;
const BATCHES = 24;
const PER_BATCH = 30;

/**
 * The distinct-strings attack, scaled down: 30 outbound events per batch, each with a distinct
 * ~2 KB URL, to one page over two minutes, then aged through every window. Redis memory for the
 * page and the size of every key (which bounds each script's work, cascades included) stay
 * bounded by the family cap; every event is still counted; another site's writes are unaffected.
 */
describe.runIf(redisAvailable())('redis store: distinct strings per page are bounded', () => {
  let redis: TestRedis;
  let client: Awaited<ReturnType<typeof connect>>;
  const connect = (url: string) =>
    createClient({ url })
      .on('error', () => {})
      .connect();
  beforeAll(async () => {
    redis = await startRedis(['--save', '']);
    client = await connect(redis.url);
  });
  afterAll(async () => {
    client.destroy();
    await redis.stop();
  });

  it('keeps memory and key sizes bounded through every window, counting every event', async () => {
    const store = createRedisStore({ client: client as unknown as RedisLike, ping: () => client.ping() });
    const url = (i: number) => `https://attacker.example/${i}/${'a'.repeat(2000)}`;
    for (let i = 0; i < BATCHES; i++) {
      const now = T0 + i * 5000;
      const events = Array.from({ length: PER_BATCH }, (_, j) => ({
        type: 'outbound' as const,
        url: url(i * PER_BATCH + j),
      }));
      await store.record(folded(events, { site: 'evil', now }));
      await store.record(folded([{ type: 'outbound', url: 'https://example.org/ok' }], { site: 'victim', now }));
    }
    const end = T0 + BATCHES * 5000;
    const s = await store.stats({ site: 'evil', page: '/', window: '5m', now: end });
    expect(s.outbound.total).toBe(BATCHES * PER_BATCH);
    const victim = await store.stats({ site: 'victim', page: '/', window: '5m', now: end });
    expect(victim.outbound.top).toEqual([{ url: 'https://example.org/ok', count: BATCHES }]);

    // Age everything through the 5m and 1h windows, sweeping as the collectors do.
    for (let t = end; t <= end + 70 * 60_000; t += 30_000) {
      await store.sweep('evil', t);
      await store.sweep('victim', t);
    }
    const later = end + 70 * 60_000;
    expect((await store.stats({ site: 'evil', page: '/', window: '24h', now: later })).outbound.total).toBe(
      BATCHES * PER_BATCH,
    );
    expect((await store.stats({ site: 'victim', page: '/', window: '24h', now: later })).outbound.total).toBe(BATCHES);

    let bytes = 0;
    let largest = 0;
    for await (const keys of client.scanIterator({ MATCH: 'hl:{evil|/}*', COUNT: 1000 })) {
      for (const key of keys as unknown as string[]) {
        bytes += (await client.memoryUsage(key)) ?? 0;
        if ((await client.type(key)) === 'zset') largest = Math.max(largest, await client.zCard(key));
      }
    }
    // Uncapped, 720 URLs of 2 KB are ~1.5 MB per copy, and the 5m and 1h levels each held copies.
    expect(bytes).toBeLessThan(400_000);
    expect(largest).toBeLessThanOrEqual(MAX_FAMILY_MEMBERS + 2); // the family, its (other), ev
    await store.close();
  });
});
