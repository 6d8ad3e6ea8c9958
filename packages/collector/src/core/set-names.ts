import { KINDS, TILE_LAYOUT, type Kind, type SegmentFilter } from '@heatlens/schema';

// The names of a page window's sets and of the all-segments segment, as every store spells them: the
// Redis key table (store/redis-keys.ts) builds keys from them, the memory store keys its maps by them,
// and fold.ts writes its members under them. Storage-neutral, so the core declares them.

/**
 * The set a heatmap kind is stored under, per width segment, in a page window's buckets and
 * rolling keys (`${page}:${win}:${set}:${seg}:<bucket>` and `...:r`). Tile sets carry the layout
 * version (`move2`, `click2` for TILE_LAYOUT 2), so tiles of an older layout (`move`, `click`:
 * fractions of the document height) are never read as new ones and simply expire. Scroll bands did
 * not change with the tile layout. Members of the tile sets: see `tile-members.ts`.
 */
export const HEAT_SETS = {
  move: `move${TILE_LAYOUT}`,
  click: `click${TILE_LAYOUT}`,
  scroll: 'scroll',
} as const satisfies Record<Kind, string>;

/** The set of a page's counters (views, clicks per selector, forms, ...): one, for all segments. */
export const COUNTER_SET = 'c';

/** Every set of a page window, heatmap kinds first; the Lua scripts' key lists are built from it. */
export const PAGE_SETS = [...KINDS.map((k) => HEAT_SETS[k]), COUNTER_SET] as const;

/**
 * How storage spells the segment filter `all` of the wire (`SegmentFilter`): `a`, in key names
 * (`P:<win>:<set>:a:...`) and the memory store's set keys. The segment of counters (one set for all
 * widths) and of each window's all-segments roll. Kept as `a`: renaming it would orphan every stored key.
 * Heatmap sets are stored per schema `SEGMENTS` (s, m, l) besides.
 */
export const ALL_SEG_KEY = 'a';

/** The storage spelling of a wire segment filter: `all` -> `ALL_SEG_KEY`, a segment as it is. */
export const segKey = (seg: SegmentFilter): string => (seg === 'all' ? ALL_SEG_KEY : seg);
