import { depthBand, segmentOf, type Batch } from '@heatlens/schema';
import { TOTAL } from './counters.js';
import { createEngagedBudget } from './fold-engaged.js';
import { foldClick, foldCounter, foldPageview } from './fold-families.js';
import { FoldIncrements } from './fold-increments.js';
import { COUNTER_SET, HEAT_SETS } from './set-names.js';
import { BASE_BUCKET_MS, MAX_RETENTION_MS, bucketOf } from './windows.js';
import type { FoldedBatch, FoldSite } from './fold-types.js';

export type { FoldItem, FoldSet, FoldedBatch, FoldSite } from './fold-types.js';
const MOVE = HEAT_SETS.move;
const NO_SITE: FoldSite = { own: new Set() };

/**
 * Map each event to server time (`now - (sent - ts)`, the future clamped to `now`), drop what is
 * older than the longest retention, and coalesce events into increments per (5 s bucket, set,
 * member). A wrong client clock shifts nothing but its own events' offsets. A page view also
 * counts under its source, language, time zone, region and screen class (sources.ts); each family
 * of events folds in fold-families.ts.
 */
export function foldBatch(
  batch: Batch,
  page: string,
  now: number,
  grid: number,
  site: FoldSite = NO_SITE,
): FoldedBatch {
  // The viewport height a fixed point's row is counted against: the event's own, else the batch's
  // page view's; unknown, rows count from the top (exact for an owner of the same height).
  let pageVh: number | undefined;
  for (const e of batch.events) if (e.type === 'pageview' && e.vh > 0) pageVh = e.vh;
  const inc = new FoldIncrements(batch.vw, grid, pageVh);
  const engaged = createEngagedBudget();
  let scroll: FoldedBatch['scroll'];
  let accepted = 0;
  let tooOld = 0;
  const oldest = now - (site.retentionMs ?? MAX_RETENTION_MS);

  for (const e of batch.events) {
    let t = now - (batch.sent - e.ts);
    if (!(t <= now)) t = now; // also catches NaN from absurd clocks
    if (t < oldest) {
      tooOld++;
      continue;
    }
    const b = bucketOf(t, BASE_BUCKET_MS);
    accepted++;
    const g = inc.event(b);
    switch (e.type) {
      case 'move':
        inc.tile(g, MOVE, e);
        break;
      case 'click':
        foldClick(inc, g, e);
        break;
      case 'pageview':
        foldPageview(inc, g, e, batch.path, site);
        break;
      case 'scroll': {
        const band = depthBand(e.depth, grid);
        if (!scroll || band > scroll.band) scroll = { b, band };
        break;
      }
      case 'engagement': {
        const ms = engaged.take(t, e.ms);
        if (ms > 0) inc.add(g, COUNTER_SET, TOTAL.engaged, ms);
        break;
      }
      case 'form':
      case 'media':
      case 'download':
      case 'image_view':
      case 'outbound':
      case 'custom':
        foldCounter(inc, g, e);
        break;
    }
  }
  const { items, buckets } = inc.finish();
  return {
    site: batch.site,
    page,
    batchId: batch.id,
    sid: batch.sid,
    seg: segmentOf(batch.vw),
    now,
    items,
    scroll,
    buckets,
    accepted,
    tooOld,
  };
}
