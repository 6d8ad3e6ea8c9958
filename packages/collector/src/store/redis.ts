import { randomBytes } from 'node:crypto';
import { pagePrefix, siteKey, watchedKey } from './redis-keys.js';
import { ADVANCE_BUDGET, BATCH_ID_TTL_MS, MAX_FAMILY_MEMBERS } from '../core/limits.js';
import { ADVANCE_LUA } from './lua/advance.js';
import { SITE_LUA } from './lua/rank.js';
import { WATCH_LUA } from './lua/watch.js';
import { ALL_SEG_KEY, COUNTER_SET } from '../core/set-names.js';
import { DEFAULT_MAX_KNOWN_PAGES, DEFAULT_MAX_PAGES, type PageLimits } from './page-cap.js';
import { createRankQueue } from './rank-queue.js';
import { createRedisAlerts } from './redis-alerts.js';
import { createRedisCaptures } from './captures-redis.js';
import { levelsIn, siteLevelArgs } from './redis-args.js';
import { createRedisDropUnkept } from './drop-unkept-redis.js';
import { defaultRetention, type RetentionOf } from '../core/retention.js';
import { createRedisCalls } from './redis-calls.js';
import { createRedisReads, type Advance } from './redis-reads.js';
import { createRedisSweep } from './redis-sweep.js';
import { createRedisRecord } from './redis-write.js';
import { createRedisViews } from './views-redis.js';
import type { Store, RedisLike } from './types.js';

export type { RedisLike } from './types.js';

/** Default deadline of one whole read (snapshot, stats, pages, ...) in ms. */
export const DEFAULT_READ_TIMEOUT_MS = 5000;

export type RedisStoreOptions = {
  /** a connected node-redis client or cluster: writes (record, rank, advance, sweep, admission) */
  client: RedisLike;
  /**
   * a second connected client or cluster for reads (snapshots, stats, pages, captures, views):
   * a heavy read's commands then queue on it, never ahead of a write's; default `client`
   */
  readClient?: RedisLike;
  /** deadline of one whole read (all its steps) in ms; past it: StoreUnavailableError (503); default 5000 */
  readTimeoutMs?: number;
  /** resolves when Redis answers (PING, or a cluster's equivalent) */
  ping: () => Promise<unknown>;
  /** tiles per side; default 50 */
  grid?: number;
  /** observe each Redis call's latency in seconds (metrics) */
  observe?: (op: string, seconds: number) => void;
  /**
   * Deadline of each store call in ms, after which it fails with StoreUnavailableError (503);
   * default 1000. node-redis's own command timeout stops at the socket: a command already
   * written to a stalled server (CLIENT PAUSE, a long script, a frozen host) would wait forever.
   */
  timeoutMs?: number;
  /** new pages per site per 5-minute bucket; further new paths count as `(other)`; default 1000 */
  maxPages?: number;
  /** known pages per site (admitted first, swept), the least recently written evicted; default 10,000 */
  maxKnownPages?: number;
  /** a site's own page bounds (the sites file's `limits`), else `maxPages` and `maxKnownPages` */
  pageLimits?: (site: string) => PageLimits | undefined;
  /** a site's `retentionDays` (core/retention.ts): the windows it keeps; default 30 for every site */
  retentionOf?: RetentionOf;
  /** pages one sweep call advances per site at most; default 1000 */
  sweepPages?: number;
};

/**
 * Redis (or Redis Cluster) store. Each batch is one Lua call on its page's hash tag that checks
 * the batch id and writes every window's buckets and rolling keys; reads advance the rolling key
 * (one Lua call) and read one small key, so a snapshot costs the same for any window length. Writes
 * in redis-write.ts, reads in redis-reads.ts, the sweep in redis-sweep.ts.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const {
    client,
    grid = 50,
    timeoutMs = 1000,
    maxPages = DEFAULT_MAX_PAGES,
    maxKnownPages = DEFAULT_MAX_KNOWN_PAGES,
    sweepPages = 1000,
    readClient: reader = client,
    readTimeoutMs = DEFAULT_READ_TIMEOUT_MS,
    retentionOf = defaultRetention,
  } = options;
  // A site's keys exist only for the windows it keeps: every script gets the site's levels.
  const levelsOf = (site: string) => siteLevelArgs(retentionOf(site));
  const { call, script } = createRedisCalls(client, timeoutMs, options.observe);
  const reads = createRedisCalls(reader, readTimeoutMs, options.observe);

  const siteScript = script(SITE_LUA);
  const rankQueue = createRankQueue({
    write: (site, now, batches) =>
      call('rank', () =>
        siteScript([siteKey(site)], [String(now), String(BATCH_ID_TTL_MS), ...levelsOf(site).rank, ...batches]),
      ),
  });
  const advanceScript = script(ADVANCE_LUA);
  const watchScript = script(WATCH_LUA);
  const viewScripts = new Map<string, ReturnType<typeof script>>();

  // Every level advances at once: a longer window is the union of the shorter levels' rolls. For
  // each read asked for, the advance also names the open live buckets that exist.
  const advance: Advance = async (site, page, now, reads = [], run = advanceScript) =>
    (await run(
      [pagePrefix(site, page)],
      [
        String(now),
        String(ADVANCE_BUDGET),
        String(MAX_FAMILY_MEMBERS),
        ...levelsOf(site).levels,
        ...reads.flatMap((r) => [r[0], r[1], String(levelsIn(r[2]))]),
      ],
    )) as [string, number, ...string[][]];

  const { advanceAndRead, ...readers } = createRedisReads({
    reader,
    reads,
    readTimeoutMs,
    grid,
    rankQueue,
    advance,
    retentionOf,
  });
  const record = createRedisRecord({
    call,
    script,
    maxPages,
    maxKnownPages,
    pageLimits: options.pageLimits,
    retentionOf,
    rankQueue,
  });
  const sweep = createRedisSweep({ client, call, rankQueue, advance, sweepPages, retentionOf });

  return {
    record,
    ...readers,
    sweep,
    captures: createRedisCaptures({ client, call, script, read: { client: reader, ...reads } }),
    ...createRedisAlerts({
      call,
      script,
      client,
      flushRanks: (site) => rankQueue.flush(site).catch(() => {}),
      readCounters: async (site, page, now) => {
        const { windows } = await advanceAndRead(site, page, now, [
          [COUNTER_SET, ALL_SEG_KEY, '5m'],
          [COUNTER_SET, ALL_SEG_KEY, '1h'],
        ]);
        return [windows[0]!, windows[1]!];
      },
    }),

    views: createRedisViews({
      run: (source, keys, args) => {
        let run = viewScripts.get(source);
        if (!run) viewScripts.set(source, (run = script(source)));
        return call('views', () => run([...keys], args));
      },
      get: (key) => reads.call('views', () => reader.get(key)),
      hGetAll: (key) => reads.call('views', () => reader.hGetAll(key)),
      mGet: (keys) => reads.call('views', () => reader.mGet(keys)),
    }),

    dropUnkept: createRedisDropUnkept({ client, calls: { call, script }, retentionOf }),

    advance: (site, page, _window, now) => call('advance', async () => (await advance(site, page, now))[0]),

    async watch(site, page, ttlMs, now) {
      const gen = `${now.toString(36)}.${randomBytes(6).toString('hex')}`;
      await call('watch', () => watchScript([watchedKey(pagePrefix(site, page))], [gen, String(ttlMs)]));
    },

    async ping() {
      await call('ping', options.ping);
    },

    // The client belongs to whoever created it (the composition root closes it); queued ranking
    // is written first.
    async close() {
      await rankQueue.close();
    },
  };
}
