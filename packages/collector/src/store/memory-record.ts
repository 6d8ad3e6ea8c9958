import { scrollIncrements } from '../core/build-heatmap.js';
import type { FoldedBatch } from '../core/fold.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS } from '../core/set-names.js';
import { defaultRetention, levelsFor, type RetentionOf } from '../core/retention.js';
import { WINDOW_SPECS, bucketOf, windowStart, type WindowSpec } from '../core/windows.js';
import {
  BATCH_ID_TTL_MS,
  MAX_BATCH_IDS_PER_PAGE,
  MAX_SCROLL_SESSIONS_PER_PAGE,
  MAX_TILES_PER_BUCKET,
  MAX_TILES_PER_WINDOW,
  SCROLL_SESSION_TTL_MS,
} from '../core/limits.js';
import {
  bump,
  bumpCapped,
  bumpTile,
  getOr,
  isTile,
  prune,
  setKey,
  type Buckets,
  type Counts,
} from './memory-buckets.js';
import { pageOf, prunePageSet, written, type PageState, type SiteState } from './memory-state.js';
import type { RecordResult } from './types.js';
import { VisitorSketch } from './visitor-sketch.js';

type Item = { b: number; set: string; member: string; n: number };

/** The record's items plus its scroll increments (see build-heatmap.ts); the session's depth moves on. */
function itemsWithScroll(page: PageState, batch: FoldedBatch): Item[] {
  const items: Item[] = [...batch.items];
  if (!batch.scroll) return items;
  const { now } = batch;
  // A session moves from its previous deepest band to the new one (see build-heatmap.ts).
  const prev = page.scrollMax.get(batch.sid);
  const prevBand = prev && prev.expires > now ? prev.band : -1;
  for (const [member, n] of scrollIncrements(prevBand, batch.scroll.band))
    items.push({ b: batch.scroll.b, set: HEAT_SETS.scroll, member, n });
  // Re-inserted so the map stays in order of last scroll: the first entry goes past the bound.
  page.scrollMax.delete(batch.sid);
  page.scrollMax.set(batch.sid, { band: Math.max(prevBand, batch.scroll.band), expires: now + SCROLL_SESSION_TTL_MS });
  if (page.scrollMax.size > MAX_SCROLL_SESSIONS_PER_PAGE) page.scrollMax.delete(page.scrollMax.keys().next().value!);
  return items;
}

/** Write the items of one window into the page's buckets; each bucket written remembers this version. */
function writeItems(page: PageState, batch: FoldedBatch, items: Item[], w: WindowSpec) {
  const start = windowStart(batch.now, w);
  const version = page.version + 1;
  for (const item of items) {
    const b = bucketOf(item.b, w.bucketMs);
    if (b < start) continue;
    const buckets = getOr(
      page.sets,
      setKey(w.name, item.set, item.set === COUNTER_SET ? ALL_SEG_KEY : batch.seg),
      (): Buckets<Counts> => new Map(),
    );
    if ((item.set === HEAT_SETS.move || item.set === HEAT_SETS.click) && isTile(item.member)) {
      const cap = w === WINDOW_SPECS[0] ? MAX_TILES_PER_BUCKET : MAX_TILES_PER_WINDOW;
      if (bumpTile(buckets, b, item.member, item.n, cap, 2 * MAX_TILES_PER_WINDOW)) {
        written.set(buckets.get(b)!, version);
      } else {
        // Counted as the page's dropped tiles, as the Redis store does.
        const counters = getOr(page.sets, setKey(w.name, COUNTER_SET, ALL_SEG_KEY), (): Buckets<Counts> => new Map());
        bump(
          getOr(counters, bucketOf(batch.now, w.bucketMs), (): Counts => new Map()),
          'tdrop',
          item.n,
        );
      }
      continue;
    }
    const counts = getOr(buckets, b, (): Counts => new Map());
    bumpCapped(counts, item.member, item.n);
    written.set(counts, version);
  }
}

/** Count the batch's events per bucket: the page's visitors, the site's ranking and events series. */
function countEvents(page: PageState, site: SiteState, batch: FoldedBatch, w: WindowSpec) {
  const start = windowStart(batch.now, w);
  const visitors = getOr(page.visitors, w.name, (): Buckets<VisitorSketch> => new Map());
  const ranking = getOr(site.pages, w.name, (): Buckets<Counts> => new Map());
  for (const [b0, n] of batch.buckets) {
    const b = bucketOf(b0, w.bucketMs);
    if (b < start) continue;
    getOr(visitors, b, () => new VisitorSketch()).add(batch.sid);
    bump(
      getOr(ranking, b, (): Counts => new Map()),
      batch.page,
      n,
    );
    const events = getOr(site.events, w.name, (): Buckets<number> => new Map());
    events.set(b, (events.get(b) ?? 0) + n);
  }
  // Prune only when the window's start moved: a record is then a handful of map updates.
  if (page.prunedAt.get(w.name) !== start) {
    page.prunedAt.set(w.name, start);
    for (const [key, buckets] of page.sets)
      if (key.startsWith(`${w.name}|`)) prunePageSet(page, key, buckets, batch.now, w);
    prune(visitors, batch.now, w);
  }
  if (site.prunedAt.get(w.name) !== start) {
    site.prunedAt.set(w.name, start);
    prune(ranking, batch.now, w);
    prune(site.events.get(w.name) ?? new Map<number, number>(), batch.now, w);
  }
}

/**
 * Record an admitted batch (its page already the one it counts under) into the memory store's
 * state: at most once per batch id, every window's buckets, the site's ranking.
 */
export function recordMemory(
  pages: Map<string, PageState>,
  sites: Map<string, SiteState>,
  batch: FoldedBatch,
  /** a site's `retentionDays`: the windows it keeps (core/retention.ts) */
  retentionOf: RetentionOf = defaultRetention,
): RecordResult {
  const { now } = batch;
  const page = pageOf(pages, batch.site, batch.page);
  // Ids expire in the order they were added (one TTL): stop at the first one still live.
  for (const [id, exp] of page.batches) {
    if (exp > now) break;
    page.batches.delete(id);
  }
  const watched = page.watchedUntil > now;
  if (page.batches.has(batch.batchId)) return { duplicate: true, watched, page: batch.page };
  page.batches.set(batch.batchId, now + BATCH_ID_TTL_MS);
  if (page.batches.size > MAX_BATCH_IDS_PER_PAGE) page.batches.delete(page.batches.keys().next().value!);

  const items = itemsWithScroll(page, batch);
  const site = getOr(sites, batch.site, () => ({ pages: new Map(), events: new Map(), prunedAt: new Map() }));
  for (const w of levelsFor(retentionOf(batch.site))) {
    writeItems(page, batch, items, w);
    countEvents(page, site, batch, w);
  }
  page.version++;
  return { duplicate: false, watched, page: batch.page };
}
