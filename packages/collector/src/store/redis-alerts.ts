import { createRedisAlertState } from './alert-state-redis.js';
import { rankKey } from './redis-keys.js';
import { bucketsIn, windowSpec } from '../core/windows.js';
import type { RedisLike } from './types.js';
import type { AlertCounters, AlertFiguresQuery, Store } from './types.js';

/** What the Redis store lends its alert part: its deadline wrapper, script runner and reads. */
export type RedisAlertDeps = {
  /** the store's deadline and error translation around one Redis step */
  call: <T>(op: string, fn: () => Promise<T>) => Promise<T>;
  /** EVALSHA of a script's source, loading it when the server does not know it */
  script: (source: string) => (keys: string[], args: string[]) => Promise<unknown>;
  client: Pick<RedisLike, 'zUnionWithScores' | 'hVals' | 'lRange'>;
  /** write this process's queued page rankings, so a read sees its own writes */
  flushRanks: (site: string) => Promise<void>;
  /** a page's counters in the live window and over the hour, advanced as a snapshot would be */
  readCounters: (site: string, page: string, now: number) => Promise<[Map<string, number>, Map<string, number>]>;
};

/**
 * The alert part of the Redis store contract: the rules' read (the hour's page ranking, then per
 * page its counters live and over the hour) and the fleet-wide open/close steps (alert-state-redis.ts).
 */
export function createRedisAlerts(d: RedisAlertDeps): Pick<Store, 'alertFigures' | 'alerts'> {
  const runners = new Map<string, ReturnType<RedisAlertDeps['script']>>();
  const state = createRedisAlertState({
    run: (source, keys, args) => {
      let run = runners.get(source);
      if (!run) runners.set(source, (run = d.script(source)));
      return run(keys, args);
    },
    hVals: (key) => d.client.hVals(key),
    lRange: (key, start, stop) => d.client.lRange(key, start, stop),
  });
  return {
    async alertFigures(q: AlertFiguresQuery): Promise<AlertCounters[]> {
      await d.flushRanks(q.site);
      const ranking = await d.call('alerts', () =>
        d.client.zUnionWithScores(
          bucketsIn(q.now, windowSpec('1h')).map((b) => rankKey(q.site, '1h', b)) as [string, ...string[]],
        ),
      );
      const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
      return d.call('alerts', () =>
        Promise.all(
          top.map(async ({ value: page }) => {
            const [live, hour] = await d.readCounters(q.site, page, q.now);
            return { page, live: [...live], hour: [...hour] };
          }),
        ),
      );
    },
    alerts: {
      open: (...a) => d.call('alerts', () => state.open(...a)),
      close: (...a) => d.call('alerts', () => state.close(...a)),
      update: (...a) => d.call('alerts', () => state.update(...a)),
      list: (site) => d.call('alerts', () => state.list(site)),
    },
  };
}
