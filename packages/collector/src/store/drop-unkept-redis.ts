import { knownKey, levelEventsKey, pagePrefix, rankKey } from './redis-keys.js';
import { levelsFor, type RetentionOf } from '../core/retention.js';
import { WINDOW_SPECS, bucketOf, windowStart } from '../core/windows.js';
import { DROP_LEVELS_LUA } from './lua/drop-levels.js';
import { levelList } from './redis-args.js';
import type { RedisCalls } from './redis-calls.js';
import type { RedisLike } from './types.js';

// Unlinks the keys it is given (one site's: they share its hash tag). Returns how many existed.
const UNLINK_LUA = `return redis.call('UNLINK', unpack(KEYS))`;
const PAGES_AT_ONCE = 100;
const KEYS_AT_ONCE = 500;

/**
 * `store.dropUnkept` on Redis and Redis Cluster: for each page the site knows (`S:known`), the
 * levels past its retention go (lua/drop-levels.ts), then the site's ranking and series buckets of
 * those levels. Returns the number of keys freed. Cheap when nothing is to be dropped: one GET per
 * page and level.
 */
export function createRedisDropUnkept(deps: {
  client: RedisLike;
  calls: Pick<RedisCalls, 'call' | 'script'>;
  retentionOf: RetentionOf;
}) {
  const { client, calls, retentionOf } = deps;
  const dropLevels = calls.script(DROP_LEVELS_LUA);
  const unlink = calls.script(UNLINK_LUA);
  return async function dropUnkept(site: string, now: number): Promise<number> {
    const kept = levelsFor(retentionOf(site));
    const gone = WINDOW_SPECS.slice(kept.length);
    if (!gone.length) return 0;
    const top = kept.at(-1)!;
    const args = [String(now), String(top.ms + top.slackMs), String(gone.length), '0', ...levelList(gone)];
    const paths = await calls.call('dropUnkept', () => client.zRangeByScore(knownKey(site), '-inf', '+inf'));
    let freed = 0;
    for (let i = 0; i < paths.length; i += PAGES_AT_ONCE) {
      const done = await calls.call('dropUnkept', () =>
        Promise.all(paths.slice(i, i + PAGES_AT_ONCE).map((page) => dropLevels([pagePrefix(site, page)], args))),
      );
      for (const n of done) freed += Number(n);
    }
    // The site's ranking and series buckets of those levels: each lives its window plus 2 buckets.
    const siteKeys = gone.flatMap((w) => {
      const keys: string[] = [];
      for (let b = windowStart(now, w) - 2 * w.bucketMs; b <= bucketOf(now, w.bucketMs); b += w.bucketMs)
        keys.push(rankKey(site, w.name, b), levelEventsKey(site, w.name, b));
      return keys;
    });
    for (let i = 0; i < siteKeys.length; i += KEYS_AT_ONCE) {
      const chunk = siteKeys.slice(i, i + KEYS_AT_ONCE);
      freed += Number(await calls.call('dropUnkept', () => unlink(chunk, [])));
    }
    return freed;
  };
}
