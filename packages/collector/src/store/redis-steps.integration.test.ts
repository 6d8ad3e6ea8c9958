import { describe, expect, it } from 'vitest';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { ownRedis } from '../test-support/redis-admin.js';
import { folded } from './contract/fixtures.js';
import { BATCH_ID_TTL_MS } from '../core/limits.js';
import { createRedisStore, type RedisLike } from './redis.js';

const T0 = 1_750_000_000_000;

/**
 * A batch is two steps in Redis (the page's keys, then the site's ranking: different hash tags).
 * The ranking is queued and group-committed: a failed ranking write stays queued for the next
 * round, and a batch retried by the SDK is ranked once.
 */
describe.runIf(redisAvailable())('redis store: the ranking step', () => {
  const own = ownRedis();

  it('keeps ranking queued when its write fails, and ranks a retried batch once', async () => {
    const { client } = own;
    let failSiteStep = 1;
    // The ranking step: the call on the site prefix `hl:{site}` whose second argument is the
    // batch-id TTL (page admission runs on the same prefix).
    const flaky: RedisLike = Object.create(client as unknown as RedisLike, {
      evalSha: {
        value: (sha: string, o: { keys: string[]; arguments: string[] }) => {
          if (o.keys[0] === 'hl:{steps}' && o.arguments[1] === String(BATCH_ID_TTL_MS) && failSiteStep-- > 0)
            return Promise.reject(new Error('connection lost'));
          return (client as unknown as RedisLike).evalSha(sha, o);
        },
      },
    });
    const store = createRedisStore({ client: flaky, ping: () => client.ping() });
    const b = folded([{ type: 'pageview', vh: 800 }], { site: 'steps', path: '/p', id: 'split' });
    expect((await store.record(b)).duplicate).toBe(false);
    expect((await store.record(b)).duplicate).toBe(true); // the SDK's retry after a lost reply
    await store.pages({ site: 'steps', window: '5m', now: T0, limit: 10 }); // its ranking write fails
    expect(failSiteStep).toBeLessThanOrEqual(0); // failed once (on the 200 ms timer or this read's flush)
    const pages = await store.pages({ site: 'steps', window: '5m', now: T0, limit: 10 });
    expect(pages.pages.map((p) => [p.path, p.events])).toEqual([['/p', 1]]);
    expect(pages.series.at(-1)).toEqual([T0, 1]);
    await store.close();
  });
});
