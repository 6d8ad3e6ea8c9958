import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { folded, move } from './contract/fixtures.js';
import { ADVANCE_BUDGET } from '../core/limits.js';
import { createRedisStore } from './redis.js';

const T0 = 1_750_000_000_000 - (1_750_000_000_000 % 3_600_000);
/**
 * Redis commands one member a call moves may cost at most: out of a level's two rolls (a capped
 * subtract: ZSCORE, ZINCRBY, ZREM, HINCRBY each), into the next level's bucket, its queue and two
 * rolls (a capped add: ZSCORE, ZCARD, ZINCRBY each), or, sealed, into two rolls.
 */
const PER_MEMBER = 24;
/** What a call costs besides its members: per level and set, the edges, keys and TTLs it looks at. */
const PER_CALL = 1500;

/** Commands Redis ran (inside scripts too) since the last call, by INFO commandstats. */
async function commandsSince(client: RedisClientType, last: { n: number }) {
  const info = await client.info('commandstats');
  let n = 0;
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    if (!['info', 'evalsha', 'eval', 'script'].includes(m[1]!)) n += Number(m[2]);
  const d = n - last.n;
  last.n = n;
  return d;
}

/**
 * Every advance call's work is bounded by its budget (members moved a call), whatever it finds:
 * a flood of distinct tiles cascading through the levels, and the rebuild of a level's rolls after
 * an outage, go on over further calls. Work is counted in Redis commands, not time.
 */
describe.runIf(redisAvailable())('redis store: work per advance call', () => {
  let redis: TestRedis;
  let client: RedisClientType;
  beforeAll(async () => {
    // Every command logged with its own time (threshold 0), so the longest script call is printed.
    redis = await startRedis(['--save', '', '--slowlog-log-slower-than', '0', '--slowlog-max-len', '200000']);
    client = (await createClient({ url: redis.url })
      .on('error', () => {})
      .connect()) as unknown as RedisClientType;
  });
  afterAll(async () => {
    client.destroy();
    await redis.stop();
  });

  it('moves a flood and rebuilds a lost level in calls bounded by the budget, counting each tile once', async () => {
    const site = 'flood';
    const path = '/long';
    const writer = createRedisStore({ client, ping: () => client.ping() });
    // 1,000 distinct tiles in each 5 s bucket for 2 minutes, of 5,000 (a level's bucket holds 10,000).
    let id = 0;
    for (let b = 0; b < 24; b++) {
      const now = T0 + b * 5000;
      for (let part = 0; part < 4; part++) {
        const events = Array.from({ length: 250 }, (_, j) => {
          const t = (b * 1000 + part * 250 + j) % 5000;
          return move((t % 50) * 20 + 10, Math.floor(t / 50) * 20 + 10);
        });
        await writer.record(folded(events, { site, path, now, id: `f${++id}` }));
      }
    }
    await writer.close();
    const store = createRedisStore({ client, ping: () => client.ping() });
    const hour = (now: number) => store.snapshot({ site, page: path, kind: 'move', seg: 'all', window: '1h', now });
    const whole = await hour(T0 + 2 * 60_000);
    expect(whole.total).toBe(24_000);

    const last = { n: 0 };
    await commandsSince(client, last);
    const bound = PER_MEMBER * ADVANCE_BUDGET + PER_CALL;
    let most = 0;
    // Advance calls at `now` until one finds nothing left to move (a few commands); how many ran.
    const advanceUntilStill = async (now: number) => {
      for (let calls = 1; calls < 1000; calls++) {
        await store.advance(site, path, '5m', now);
        const n = await commandsSince(client, last);
        most = Math.max(most, n);
        if (n < 200) return calls;
      }
      throw new Error('the advance never settled');
    };
    // Into the 1 h level, past the 5 min window: in several calls.
    expect(await advanceUntilStill(T0 + 8 * 60_000)).toBeGreaterThan(2);
    const before = await hour(T0 + 8 * 60_000);
    expect(before.tiles).toEqual(whole.tiles);
    await commandsSince(client, last);
    // 40 minutes on, the 1 h level's edge is past its slack: its rolls are rebuilt, call by call,
    // and reads meanwhile count each tile once.
    const later = T0 + 48 * 60_000;
    await store.advance(site, path, '5m', later);
    most = Math.max(most, await commandsSince(client, last));
    expect(most).toBeLessThanOrEqual(bound);
    expect((await hour(later)).total).toBe(24_000);
    await commandsSince(client, last);
    expect(await advanceUntilStill(later)).toBeGreaterThan(2);
    const after = await hour(later);
    expect(after.total).toBe(24_000);
    expect(after.tiles).toEqual(before.tiles);
    expect(most).toBeGreaterThan(ADVANCE_BUDGET); // the bound is not met by doing nothing
    expect(most).toBeLessThanOrEqual(bound);
    await store.close();
    // Redis's own time per script call, printed, not asserted (time on a shared machine varies).
    const log = (await client.sendCommand(['SLOWLOG', 'GET', '200000'])) as Array<[number, number, number, string[]]>;
    const scripts = log.filter((e) => /^evalsha$/i.test(e[3][0] ?? '')).map((e) => Number(e[2]) / 1000);
    console.log(
      `${scripts.length} script calls, longest ${Math.max(...scripts).toFixed(1)} ms (budget ${ADVANCE_BUDGET})`,
    );
  }, 120_000);
});
