import { fixedRowOf, rowOf, tileOf, type ClickEvent, type MoveEvent } from '@heatlens/schema';
import { TOTAL } from './counters.js';
import type { FoldItem, FoldSet } from './fold-types.js';
import { COUNTER_SET } from './set-names.js';
import { fixedMember, tileMember } from './tile-members.js';

/** A base bucket's increments: per set, per member (a page tile keyed by its number). */
export type BucketIncrements = {
  b: number;
  sets: Map<FoldSet, Map<string | number, FoldItem>>;
  /** the counter set `c` (always the bucket's first set) */
  c: Map<string | number, FoldItem>;
  /** the bucket's event count (`TOTAL.events`, the first counter) */
  events: FoldItem;
};

/**
 * The increments of one batch being folded, grouped by base bucket, then set, then member, each
 * group in order of first appearance (the order `FoldedBatch.items` comes out in: runs of one
 * bucket and set). Events of a batch mostly share a bucket, so the last bucket is kept at hand,
 * and a bucket's event count is one item bumped in place; a page tile is keyed by its number
 * until it first needs its member string. An event thus costs a few map lookups and no strings.
 */
export class FoldIncrements {
  private readonly groups = new Map<number, BucketIncrements>();
  private last: BucketIncrements | undefined;

  /**
   * @param vw the batch's viewport width (fixed-layer columns)
   * @param grid columns across a page (<= 200, config.ts)
   * @param pageVh the viewport height fixed rows count against when an event has none of its own
   */
  constructor(
    private readonly vw: number,
    private readonly grid: number,
    private readonly pageVh: number | undefined,
  ) {}

  /** Bucket `b`'s increments, counting one more event in it. */
  event(b: number): BucketIncrements {
    let g = this.last;
    if (!g || g.b !== b) {
      g = this.groups.get(b);
      if (!g) {
        const events: FoldItem = { b, set: COUNTER_SET, member: TOTAL.events, n: 0 };
        const c = new Map<string | number, FoldItem>([[TOTAL.events, events]]);
        g = { b, sets: new Map([[COUNTER_SET, c]]), c, events };
        this.groups.set(b, g);
      }
      this.last = g;
    }
    g.events.n++;
    return g;
  }

  /** Add `n` to `member` of `set` in bucket `g`. */
  add(g: BucketIncrements, set: FoldSet, member: string, n: number) {
    const members = set === COUNTER_SET ? g.c : this.members(g, set);
    const item = members.get(member);
    if (item) item.n += n;
    else members.set(member, { b: g.b, set, member, n });
  }

  /**
   * Count a pointer event's tile (layout v2, tiles.ts): columns across the scroll root's width and
   * rows of ROW_PX page px; a point over a fixed or sticky box with viewport coordinates goes to
   * the fixed layer (older SDKs send no `cx`, `cy`: their points stay on the page).
   */
  tile(g: BucketIncrements, set: FoldSet, e: MoveEvent | ClickEvent) {
    if (e.fixed && e.cx !== undefined && e.cy !== undefined) {
      const vh = e.vh ?? this.pageVh;
      this.add(g, set, fixedMember(tileOf(e.cx, this.vw, this.grid), vh ? fixedRowOf(e.cy, vh) : rowOf(e.cy)), 1);
      return;
    }
    const tx = tileOf(e.x, e.w, this.grid);
    const ty = rowOf(e.y);
    const members = this.members(g, set);
    const key = ty * 256 + tx; // grid <= 200 (config.ts)
    const item = members.get(key);
    if (item) item.n++;
    else members.set(key, { b: g.b, set, member: tileMember(tx, ty), n: 1 });
  }

  private members(g: BucketIncrements, set: FoldSet): Map<string | number, FoldItem> {
    let members = g.sets.get(set);
    if (!members) g.sets.set(set, (members = new Map<string | number, FoldItem>()));
    return members;
  }

  /** The coalesced increments, in runs of one bucket and set, and the events per bucket. */
  finish(): { items: FoldItem[]; buckets: Map<number, number> } {
    const items: FoldItem[] = [];
    const buckets = new Map<number, number>();
    for (const g of this.groups.values()) {
      buckets.set(g.b, g.events.n);
      for (const members of g.sets.values()) for (const item of members.values()) items.push(item);
    }
    return { items, buckets };
  }
}
