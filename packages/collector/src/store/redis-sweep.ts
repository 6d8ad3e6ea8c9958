import { knownKey, sweepKey } from './redis-keys.js';
import { MAX_RETENTION_MS, SWEEP_MS, windowSpec } from '../core/windows.js';
import type { RankQueue } from './rank-queue.js';
import type { Advance } from './redis-reads.js';
import type { RedisCalls } from './redis-calls.js';
import type { RedisLike } from './types.js';
import { retentionMs, type RetentionOf } from '../core/retention.js';

export type RedisSweepDeps = {
  client: RedisLike;
  call: RedisCalls['call'];
  rankQueue: RankQueue;
  advance: Advance;
  /** pages one sweep call advances per site at most */
  sweepPages: number;
  /** a site's `retentionDays` (core/retention.ts) */
  retentionOf: RetentionOf;
};

/** The Redis store's `sweep` (see Store.sweep): one collector per interval slot, bounded per call. */
export function createRedisSweep({ client, call, rankQueue, advance, sweepPages, retentionOf }: RedisSweepDeps) {
  // Per site: where the sweep's turn through the less recent pages goes on.
  const cursors = new Map<string, number>();
  return async function sweep(site: string, now: number): Promise<void> {
    await rankQueue.flush(site).catch(() => {}); // pages this process wrote are `known` before the sweep lists them
    // One collector sweeps a site per interval slot; the others find the slot taken.
    const slot = Math.floor(now / SWEEP_MS);
    const mine = await call('sweep', () => client.set(sweepKey(site, slot), '1', { PX: 2 * SWEEP_MS, NX: true }));
    if (mine === null) return;
    // Bounded per call: pages written lately first (their live buckets must cascade before they
    // expire), then the others in turns, `sweepPages` in all.
    const oldest = now - retentionMs(retentionOf(site));
    const lately = now - windowSpec('5m').ms - windowSpec('5m').slackMs;
    const recent = await call('sweep', () =>
      client.zRangeByScore(knownKey(site), lately, '+inf', { LIMIT: { offset: 0, count: sweepPages } }),
    );
    let rest: string[] = [];
    if (recent.length < sweepPages) {
      const offset = cursors.get(site) ?? 0;
      rest = await call('sweep', () =>
        client.zRangeByScore(knownKey(site), oldest, `(${lately}`, {
          LIMIT: { offset, count: sweepPages - recent.length },
        }),
      );
      cursors.set(site, rest.length ? offset + rest.length : 0);
    }
    const paths = [...recent, ...rest];
    for (let i = 0; i < paths.length; i += 100) {
      await call('sweep', () => Promise.all(paths.slice(i, i + 100).map((page) => advance(site, page, now))));
    }
    await call('sweep', () => client.zRemRangeByScore(knownKey(site), '-inf', now - MAX_RETENTION_MS));
  };
}
