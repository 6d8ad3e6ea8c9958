import type { FoldedBatch } from '../core/fold.js';
import { pagePrefix, siteKey } from './redis-keys.js';
import { retentionMs, type RetentionOf } from '../core/retention.js';
import { createGroupCommit, type CommitResult } from './group-commit.js';
import { ADMIT_PAGE_LUA } from './lua/admit-page.js';
import { RECORD_LUA } from './lua/record.js';
import {
  KNOWN_RECENT_MS,
  OTHER_PAGE,
  PAGE_CAP_BUCKET_MS,
  createAdmittedPages,
  reservedPlaces,
  type PageLimits,
} from './page-cap.js';
import type { RankQueue } from './rank-queue.js';
import { recordArgs, siteLevelArgs } from './redis-args.js';
import type { RedisCalls } from './redis-calls.js';
import type { RecordResult } from './types.js';

export type RedisWriteDeps = {
  call: RedisCalls['call'];
  script: RedisCalls['script'];
  maxPages: number;
  maxKnownPages: number;
  /** a site's own page bounds (the sites file's `limits`), else `maxPages` and `maxKnownPages` */
  pageLimits?: (site: string) => PageLimits | undefined;
  /** a site's `retentionDays` (core/retention.ts) */
  retentionOf: RetentionOf;
  rankQueue: RankQueue;
};

/**
 * The Redis store's write path (redis.ts): page admission on the site's hash tag, then the page's
 * batches committed together (group-commit.ts, lua/record.ts), then the site ranking queued.
 */
export function createRedisRecord({
  call,
  script,
  maxPages,
  maxKnownPages,
  pageLimits,
  retentionOf,
  rankQueue,
}: RedisWriteDeps) {
  const defaultPageLimits = { maxPages, maxKnownPages };
  const recordScript = script(RECORD_LUA);
  const admitScript = script(ADMIT_PAGE_LUA);
  const admitted = createAdmittedPages();

  // Page admission (page-cap.ts), in its own step before the page write: the site's pages live
  // under the site's hash tag and the page's keys under the page's, which may be another node.
  async function admit(site: string, page: string, now: number, sid: string): Promise<string> {
    const known = admitted.at(site, now);
    if (known.has(page)) return page;
    const { maxPages, maxKnownPages } = pageLimits?.(site) ?? defaultPageLimits;
    const args = [
      page,
      String(now),
      String(maxPages),
      String(maxKnownPages),
      String(admitted.bucketOf(now)),
      String(2 * PAGE_CAP_BUCKET_MS),
      String(2 * retentionMs(retentionOf(site))),
      String(KNOWN_RECENT_MS),
      OTHER_PAGE,
      sid,
      String(reservedPlaces(maxPages)),
    ];
    const admittedAs = (await call('admit', () => admitScript([siteKey(site)], args))) as string;
    if (admittedAs === page) known.add(page);
    return admittedAs;
  }

  // One script call commits every queued batch of a page: ids first, then the summed increments.
  const groups = createGroupCommit(async (page, batches): Promise<CommitResult> => {
    const args = recordArgs(batches, siteLevelArgs(retentionOf(batches[0]!.site)).levels);
    const [watched, ...known] = (await call('record', () => recordScript([page], args))) as [number, ...string[]];
    return { watched: watched === 1, known };
  });

  return async function record(batch: FoldedBatch): Promise<RecordResult> {
    const page = await admit(batch.site, batch.page, batch.now, batch.sid);
    const { duplicate, watched } = await groups.add(pagePrefix(batch.site, page), batch);
    // Ranked also for a duplicate: its first attempt may have landed with its reply lost.
    if (batch.buckets.size) rankQueue.add(batch.site, batch.batchId, page, batch.buckets, batch.now);
    return { duplicate, watched, page };
  };
}
