import type { RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { ownRedis } from '../test-support/redis-admin.js';
import { T0, folded } from './contract/fixtures.js';
import { createRedisStore, type RedisLike } from './redis.js';
import type { Store } from './types.js';

/**
 * Tiles of layout v1 (50x50 fractions of the document) still sit in a Redis that ran an older
 * collector, under the same page prefix. Their keys name the set without a layout version
 * (`move`, `click`), so a v2 collector never reads them as rows of page px; they expire by TTL.
 */
describe.runIf(redisAvailable())('redis store: tile layout versions', () => {
  const own = ownRedis();
  let client: RedisClientType;
  let store: Store;
  beforeAll(() => {
    client = own.client;
    store = createRedisStore({ client: client as unknown as RedisLike, ping: () => client.ping() });
  });
  afterAll(() => store.close());

  it('never reads v1 tiles as v2 ones, in any window or segment', async () => {
    const p = 'hl:{legacy|/}';
    await store.record(folded([{ type: 'click', x: 500, y: 430, w: 1000, h: 4000 }], { site: 'legacy' }));
    // What a v1 collector left: the same tile written to its bucket and rolling keys.
    for (const kind of ['move', 'click']) {
      for (const key of [
        `${p}:5m:${kind}:l:${T0}`,
        `${p}:5m:${kind}:l:r`,
        `${p}:5m:${kind}:a:r`,
        `${p}:1h:${kind}:a:r`,
        `${p}:1h:${kind}:l:r`,
      ]) {
        await client.zAdd(key, { score: 7, value: '25:10' });
      }
    }
    for (const window of ['5m', '1h'] as const) {
      for (const seg of ['all', 'l'] as const) {
        const click = await store.snapshot({ site: 'legacy', page: '/', kind: 'click', seg, window, now: T0 });
        expect(click.tiles).toEqual([[25, 21, 1]]);
        expect(click.total).toBe(1);
        const move = await store.snapshot({ site: 'legacy', page: '/', kind: 'move', seg, window, now: T0 });
        expect(move.tiles).toEqual([]);
      }
    }
    // The layout version is in the key: other tools reading Redis find v2 tiles under `click2`.
    expect(await client.zRangeWithScores(`${p}:5m:click2:l:${T0}`, 0, -1)).toEqual([{ value: '25:21', score: 1 }]);
  });
});
