import { depthBand, segmentOf, tileOf, type Batch, type Segment } from '@heatlens/schema';
import { BASE_BUCKET_MS, MAX_RETENTION_MS, bucketOf } from './windows.js';

/** Sets an increment can land in: a heatmap kind (per width segment) or `c`, the page's counters. */
export type FoldSet = 'move' | 'click' | 'c';

/** One coalesced increment: every event of a batch with the same bucket, set and member. */
export type FoldItem = { b: number; set: FoldSet; member: string; n: number };

/** A validated batch reduced to what the store writes, on the server's clock. */
export type FoldedBatch = {
  site: string;
  /** the page key: the matching route template, or the path */
  path: string;
  batchId: string;
  sid: string;
  seg: Segment;
  now: number;
  /** coalesced increments, in runs of the same bucket and set */
  items: FoldItem[];
  /** the session's deepest scroll in this batch: depth band and the base bucket it happened in */
  scroll: { b: number; band: number } | undefined;
  /** base buckets that received events, with how many */
  buckets: Map<number, number>;
  /** events folded */
  accepted: number;
  /** events older than the longest retention */
  tooOld: number;
};

/**
 * Map each event to server time (`now - (sent - ts)`, the future clamped to `now`), drop what is
 * older than the longest retention, and coalesce events into increments per (5 s bucket, set,
 * member). A wrong client clock shifts nothing but its own events' offsets.
 */
export function foldBatch(batch: Batch, path: string, now: number, grid: number): FoldedBatch {
  // Increments grouped by bucket, then set, then member; a tile is keyed by its number until it
  // first needs its member string, so an event costs a few map lookups and no string building.
  const groups = new Map<number, Map<FoldSet, Map<string | number, FoldItem>>>();
  const items: FoldItem[] = [];
  const buckets = new Map<number, number>();
  const seg = segmentOf(batch.vw);
  let scroll: FoldedBatch['scroll'];
  let accepted = 0;
  let tooOld = 0;
  const oldest = now - MAX_RETENTION_MS;

  const setOf = (b: number, set: FoldSet) => {
    let bySet = groups.get(b);
    if (!bySet) groups.set(b, (bySet = new Map()));
    let members = bySet.get(set);
    if (!members) bySet.set(set, (members = new Map()));
    return members;
  };
  const add = (b: number, set: FoldSet, member: string, n: number) => {
    const members = setOf(b, set);
    const item = members.get(member);
    if (item) item.n += n;
    else members.set(member, { b, set, member, n });
  };
  const addTile = (b: number, set: FoldSet, x: number, w: number, y: number, h: number) => {
    const tx = tileOf(x, w, grid);
    const ty = tileOf(y, h, grid);
    const members = setOf(b, set);
    const key = tx * 1024 + ty;
    const item = members.get(key);
    if (item) item.n++;
    else members.set(key, { b, set, member: `${tx}:${ty}`, n: 1 });
  };

  for (const e of batch.events) {
    let t = now - (batch.sent - e.ts);
    if (!(t <= now)) t = now; // also catches NaN from absurd clocks
    if (t < oldest) {
      tooOld++;
      continue;
    }
    const b = bucketOf(t, BASE_BUCKET_MS);
    accepted++;
    buckets.set(b, (buckets.get(b) ?? 0) + 1);
    add(b, 'c', 'ev', 1);
    switch (e.type) {
      case 'pageview':
        add(b, 'c', 'pv', 1);
        break;
      case 'move':
        addTile(b, 'move', e.x, e.w, e.y, e.h);
        break;
      case 'click':
        addTile(b, 'click', e.x, e.w, e.y, e.h);
        add(b, 'c', 'clk', 1);
        if (e.sel) add(b, 'c', `sel:${e.sel}`, 1);
        if (e.rage) add(b, 'c', 'rage', 1);
        if (e.dead) add(b, 'c', 'dead', 1);
        break;
      case 'scroll': {
        const band = depthBand(e.depth, grid);
        if (!scroll || band > scroll.band) scroll = { b, band };
        break;
      }
      case 'form':
        add(b, 'c', `${e.action === 'start' ? 'fs' : 'fx'}:${e.form ?? ''}`, 1);
        break;
      case 'media':
        add(b, 'c', `m:${e.kind}:${e.action}:${e.src ?? ''}`, 1);
        break;
      case 'download':
        add(b, 'c', `dl:${e.url}`, 1);
        break;
      case 'image_view':
        add(b, 'c', `img:${e.src}`, 1);
        break;
      case 'outbound':
        add(b, 'c', `out:${e.url}`, 1);
        break;
      case 'engagement':
        add(b, 'c', 'eng', Math.round(e.ms));
        break;
      case 'custom':
        add(b, 'c', `cu:${e.name}`, 1);
        break;
    }
  }
  for (const bySet of groups.values()) for (const members of bySet.values()) for (const item of members.values()) items.push(item);
  return {
    site: batch.site,
    path,
    batchId: batch.id,
    sid: batch.sid,
    seg,
    now,
    items,
    scroll,
    buckets,
    accepted,
    tooOld,
  };
}
