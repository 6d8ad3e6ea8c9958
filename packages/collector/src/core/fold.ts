import {
  depthBand,
  normalizeSentUrl,
  fixedRowOf,
  rowOf,
  segmentOf,
  tileOf,
  type Batch,
  type ClickEvent,
  type MoveEvent,
  type Segment,
} from '@heatlens/schema';
import { TOTAL, member } from './counters.js';
import { COUNTER_SET, HEAT_SETS } from './set-names.js';
import { elementMember, fixedMember, tileMember } from './tile-members.js';
import { languageOf, referrerSource, regionOf, screenOf, timeZoneOf } from './sources.js';
import { BASE_BUCKET_MS, MAX_RETENTION_MS, bucketOf } from './windows.js';

/**
 * Sets an increment can land in: a heatmap kind's tiles (per width segment, layout-versioned, see
 * keys.ts) or `c`, the page's counters.
 */
export type FoldSet = typeof HEAT_SETS.move | typeof HEAT_SETS.click | typeof COUNTER_SET;
const MOVE = HEAT_SETS.move;
const CLICK = HEAT_SETS.click;
const C = COUNTER_SET;

/** One coalesced increment: every event of a batch with the same bucket, set and member. */
export type FoldItem = { b: number; set: FoldSet; member: string; n: number };

/** A validated batch reduced to what the store writes, on the server's clock. */
export type FoldedBatch = {
  site: string;
  /** the page: `SiteRegistry.routeOf` of the path (the matching route template, or the path) */
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

/** Who the site is, for telling a referrer from internal navigation (sources.ts). */
export type FoldSite = {
  /** the site's own hosts, from its origins (`ownHosts`) */
  own: ReadonlySet<string>;
  /** the writing page's host (from the request's Origin), `www.` folded */
  pageHost?: string | undefined;
};
const NO_SITE: FoldSite = { own: new Set() };

/**
 * A URL-like field as stored: the schema's `normalizeSentUrl` (bounded to `MAX_URL`, `data:` to its
 * media type, no `javascript:`) over what the SDK already stripped; empty when nothing is left
 * (unparsable, `javascript:`), so the event still counts without a URL.
 */
const url = (s: string | undefined) => (s && normalizeSentUrl(s)) || '';

/**
 * Map each event to server time (`now - (sent - ts)`, the future clamped to `now`), drop what is
 * older than the longest retention, and coalesce events into increments per (5 s bucket, set,
 * member). A wrong client clock shifts nothing but its own events' offsets. A page view also
 * counts under its source, language, time zone, region and screen class (sources.ts).
 */
export function foldBatch(
  batch: Batch,
  path: string,
  now: number,
  grid: number,
  site: FoldSite = NO_SITE,
): FoldedBatch {
  // Increments grouped by bucket, then set, then member; a tile is keyed by its number until it
  // first needs its member string, so an event costs a few map lookups and no string building.
  const groups = new Map<number, Map<FoldSet, Map<string | number, FoldItem>>>();
  const items: FoldItem[] = [];
  const buckets = new Map<number, number>();
  const seg = segmentOf(batch.vw);
  let scroll: FoldedBatch['scroll'];
  let accepted = 0;
  let tooOld = 0;
  // Engaged time: a report covers the visible time before it, at most one hour (the wire format's
  // bound on EngagementEvent.ms), so the batch's reports together cover at most that plus the span
  // between the first and the last of them. More is not time anyone spent on the page.
  const ENGAGED_SLACK_MS = 3_600_000;
  let engMin = Infinity;
  let engMax = -Infinity;
  let engUsed = 0;
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
  // The viewport height a fixed point's row is counted against: the event's own, else the batch's
  // page view's; unknown, rows count from the top (exact for an owner of the same height).
  let pageVh: number | undefined;
  for (const e of batch.events) if (e.type === 'pageview' && e.vh > 0) pageVh = e.vh;
  // Tile layout v2 (tiles.ts): page tiles are columns across the scroll root's width and rows of
  // ROW_PX page px; a point over a fixed or sticky box with viewport coordinates goes to the fixed
  // layer (older SDKs send no `cx`, `cy`: their points stay on the page).
  const addTile = (b: number, set: FoldSet, e: MoveEvent | ClickEvent) => {
    if (e.fixed && e.cx !== undefined && e.cy !== undefined) {
      const vh = e.vh ?? pageVh;
      add(b, set, fixedMember(tileOf(e.cx, batch.vw, grid), vh ? fixedRowOf(e.cy, vh) : rowOf(e.cy)), 1);
      return;
    }
    const tx = tileOf(e.x, e.w, grid);
    const ty = rowOf(e.y);
    const members = setOf(b, set);
    const key = ty * 256 + tx; // grid <= 200 (config.ts)
    const item = members.get(key);
    if (item) item.n++;
    else members.set(key, { b, set, member: tileMember(tx, ty), n: 1 });
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
    add(b, C, TOTAL.events, 1);
    switch (e.type) {
      case 'pageview': {
        add(b, C, TOTAL.views, 1);
        const ref = referrerSource(e.ref, batch.path, site.own, site.pageHost);
        if (ref !== undefined) add(b, C, member('ref', ref), 1);
        const lang = languageOf(e.lang);
        if (lang) add(b, C, member('lang', lang), 1);
        const tz = timeZoneOf(e.tz);
        const region = tz && regionOf(tz);
        if (tz) add(b, C, member('tz', tz), 1);
        if (region) add(b, C, member('rg', region), 1);
        const screen = screenOf(e.sw, e.sh);
        if (screen) add(b, C, member('scr', screen), 1);
        break;
      }
      case 'move':
        addTile(b, MOVE, e);
        break;
      case 'click':
        addTile(b, CLICK, e);
        // Per element too, in the segment's click set, so per-element counts honour the width filter.
        if (e.sel) add(b, CLICK, elementMember(e.sel, e.ex, e.ey), 1);
        add(b, C, TOTAL.clicks, 1);
        if (e.sel) add(b, C, member('sel', e.sel), 1);
        if (e.rage) add(b, C, TOTAL.rage, 1);
        if (e.dead) add(b, C, TOTAL.dead, 1);
        // Per element, for the rage and dead alert rules (alerts/figures.ts reads them).
        if (e.sel && e.rage) add(b, C, member('rsel', e.sel), 1);
        if (e.sel && e.dead) add(b, C, member('dsel', e.sel), 1);
        break;
      case 'scroll': {
        const band = depthBand(e.depth, grid);
        if (!scroll || band > scroll.band) scroll = { b, band };
        break;
      }
      case 'form':
        add(b, C, member(e.action === 'start' ? 'fs' : 'fx', e.form ?? ''), 1);
        break;
      case 'media':
        add(b, C, member('m', url(e.src), e.kind, e.action), 1);
        break;
      case 'download':
        add(b, C, member('dl', url(e.url)), 1);
        break;
      case 'image_view':
        add(b, C, member('img', url(e.src)), 1);
        break;
      case 'outbound':
        add(b, C, member('out', url(e.url)), 1);
        break;
      case 'engagement': {
        engMin = Math.min(engMin, t);
        engMax = Math.max(engMax, t);
        const ms = Math.min(Math.round(e.ms), ENGAGED_SLACK_MS + engMax - engMin - engUsed);
        engUsed += ms;
        if (ms > 0) add(b, C, TOTAL.engaged, ms);
        break;
      }
      case 'custom':
        add(b, C, member('cu', e.name), 1);
        break;
    }
  }
  for (const bySet of groups.values())
    for (const members of bySet.values()) for (const item of members.values()) items.push(item);
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
