import { createHash } from 'node:crypto';
import { type Heatmap, type Pages, type Stats, type WindowName } from '@heatlens/schema';
import { buildHeatmap, reachByBand } from '../build-heatmap.js';
import { buildStats } from '../build-stats.js';
import type { FoldedBatch } from '../fold.js';
import { pageKey, rollKey, siteKey } from '../keys.js';
import { WINDOW_SPECS, bucketsIn, windowSpec, windowStart } from '../windows.js';
import { BATCH_ID_TTL_MS, SCROLL_SESSION_TTL_MS } from './limits.js';
import { ADVANCE_LUA } from './lua/advance.js';
import { RECORD_LUA, SITE_LUA } from './lua/record.js';
import { StoreUnavailableError, type HeatmapQuery, type PagesQuery, type RecordResult, type StatsQuery, type Store } from './types.js';

type EvalOptions = { keys: string[]; arguments: string[] };
/**
 * The commands the store uses: a node-redis client or cluster (`createClient`, `createCluster`)
 * both fit. The store is handed a connected client and never opens connections itself.
 */
export type RedisLike = {
  evalSha(sha: string, options: EvalOptions): Promise<unknown>;
  eval(script: string, options: EvalOptions): Promise<unknown>;
  zRangeWithScores(key: string, start: number, stop: number): Promise<Array<{ value: string; score: number }>>;
  zUnionWithScores(keys: [string, ...string[]]): Promise<Array<{ value: string; score: number }>>;
  pfCount(keys: string[]): Promise<number>;
  mGet(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, options: { PX: number }): Promise<unknown>;
};

export type RedisStoreOptions = {
  /** a connected node-redis client or cluster */
  client: RedisLike;
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
};

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const WINDOW_ARGS = WINDOW_SPECS.flatMap((w) => [w.name, String(w.bucketMs), String(w.buckets), String(w.ttlMs)]);
const isNoScript = (e: unknown) => e instanceof Error && e.message.startsWith('NOSCRIPT');

/**
 * Redis (or Redis Cluster) store. Each batch is one Lua call on its page's hash tag that checks
 * the batch id and writes every window's buckets and rolling keys; reads advance the rolling key
 * (one Lua call) and read one small key, so a snapshot costs the same for any window length.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const { client, grid = 50, timeoutMs = 1000 } = options;
  const observe = options.observe ?? (() => {});

  // A call past its deadline is abandoned, not cancelled: a write may still land later. That is
  // safe because the edge answers 503 and the SDK retries with the same batch id, which dedupes.
  async function call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([fn(), deadline]);
    } catch (e) {
      throw new StoreUnavailableError(`redis ${op} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    } finally {
      clearTimeout(timer);
      observe(op, (performance.now() - t0) / 1000);
    }
  }

  // EVALSHA, loading the script with EVAL when the server does not know it (first use, restart,
  // failover to a replica without the script cache).
  const script = (source: string) => {
    const sha = sha1(source);
    return async (keys: string[], args: string[]) => {
      try {
        return await client.evalSha(sha, { keys, arguments: args });
      } catch (e) {
        if (!isNoScript(e)) throw e;
        return client.eval(source, { keys, arguments: args });
      }
    };
  };
  const recordScript = script(RECORD_LUA);
  const siteScript = script(SITE_LUA);
  const advanceScript = script(ADVANCE_LUA);

  const advance = (site: string, path: string, window: WindowName, now: number) => {
    const w = windowSpec(window);
    return advanceScript([pageKey(site, path)], [String(now), w.name, String(w.bucketMs), String(w.buckets), String(w.ttlMs)]) as Promise<string>;
  };

  async function rawStats(site: string, path: string, window: WindowName, now: number) {
    const w = windowSpec(window);
    const page = pageKey(site, path);
    const [, counters, scroll, visitors] = await Promise.all([
      advance(site, path, window, now),
      client.zRangeWithScores(rollKey(page, w.name, 'c', 'a'), 0, -1),
      client.zRangeWithScores(rollKey(page, w.name, 'scroll', 'a'), 0, -1),
      client.pfCount(bucketsIn(now, w).map((b) => `${page}:${w.name}:u:${b}`)),
    ]);
    return {
      from: windowStart(now, w),
      to: now,
      windowMs: w.ms,
      counters: counters.map((m) => [m.value, m.score] as [string, number]),
      visitors,
      reach: reachByBand(scroll.map((m) => [m.value, m.score] as [string, number]), grid),
    };
  }

  return {
    async record(batch: FoldedBatch): Promise<RecordResult> {
      const args = [
        String(batch.now), batch.batchId, batch.sid, batch.seg,
        String(batch.scroll?.band ?? -1), String(batch.scroll?.b ?? 0),
        String(BATCH_ID_TTL_MS), String(SCROLL_SESSION_TTL_MS), String(WINDOW_SPECS.length), ...WINDOW_ARGS,
      ];
      for (const it of batch.items) args.push(String(it.b), it.set, it.member, String(it.n));
      const [dup, watched] = (await call('record', () => recordScript([pageKey(batch.site, batch.path)], args))) as [number, number];
      if (!dup && batch.buckets.size) {
        const siteArgs = [String(batch.now), batch.path, String(WINDOW_SPECS.length), ...WINDOW_ARGS];
        for (const [b, n] of batch.buckets) siteArgs.push(String(b), String(n));
        await call('rank', () => siteScript([siteKey(batch.site)], siteArgs));
      }
      return { duplicate: dup === 1, watched: watched === 1 };
    },

    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const [, members] = await call('snapshot', () =>
        Promise.all([advance(q.site, q.path, q.window, q.now), client.zRangeWithScores(rollKey(pageKey(q.site, q.path), w.name, q.kind, q.seg === 'all' ? 'a' : q.seg), 0, -1)]),
      );
      return buildHeatmap({ ...q, grid }, { from: windowStart(q.now, w), to: q.now, windowMs: w.ms, members: members.map((m) => [m.value, m.score] as [string, number]) });
    },

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, await call('stats', () => rawStats(q.site, q.path, q.window, q.now)));
    },

    async pages(q: PagesQuery): Promise<Pages> {
      const w = windowSpec(q.window);
      const live = windowSpec('5m');
      const sk = siteKey(q.site);
      const liveBuckets = bucketsIn(q.now, live);
      const [ranking, series] = await call('pages', () =>
        Promise.all([
          client.zUnionWithScores(bucketsIn(q.now, w).map((b) => `${sk}:p:${w.name}:${b}`) as [string, ...string[]]),
          client.mGet(liveBuckets.map((b) => `${sk}:ev:${b}`)),
        ]),
      );
      const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
      const pages = await call('stats', () => Promise.all(top.map((r) => rawStats(q.site, r.value, q.window, q.now))));
      return {
        site: q.site,
        windowMs: w.ms,
        from: windowStart(q.now, w),
        to: q.now,
        bucketMs: live.bucketMs,
        series: liveBuckets.map((b, i) => [b, Number(series[i] ?? 0)] as [number, number]),
        pages: pages.map((raw, i) => buildStats({ site: q.site, path: top[i]!.value }, raw)),
      };
    },

    advance: (site, path, window, now) => call('advance', () => advance(site, path, window, now)),

    async watch(site, path, ttlMs) {
      await call('watch', () => client.set(`${pageKey(site, path)}:w`, '1', { PX: ttlMs }));
    },

    async ping() {
      await call('ping', options.ping);
    },

    // The client belongs to whoever created it (the composition root closes it).
    async close() {},
  };
}
