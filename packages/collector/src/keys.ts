import { KINDS, TILE_LAYOUT, type Kind, type WindowName } from '@heatlens/schema';

// Every key of one (site, path) shares the hash tag `{site|path}`, so each multi-key step runs on
// one Redis Cluster node; site-wide keys share `{site}`. Site ids cannot contain `|`, so no two
// (site, path) pairs share a prefix: one site can never reach another's keys.

/** Prefix of a page's keys. */
export const pageKey = (site: string, path: string) => `hl:{${site}|${path}}`;

/** Prefix of a site's keys (page ranking, events series). */
export const siteKey = (site: string) => `hl:{${site}}`;

/** A page window's rolling key for one set (`HEAT_SETS`, or `c` counters) and segment. */
export const rollKey = (page: string, win: WindowName, set: string, seg: string) => `${page}:${win}:${set}:${seg}:r`;

/**
 * The set a heatmap kind is stored under, per width segment, in a page window's buckets and
 * rolling keys (`${page}:${win}:${set}:${seg}:<bucket>` and `...:r`). Tile sets carry the layout
 * version (`move2`, `click2` for TILE_LAYOUT 2), so tiles of an older layout (`move`, `click`:
 * fractions of the document height) are never read as new ones and simply expire. Scroll bands did
 * not change with the tile layout. Members of the tile sets: see `tile-members.ts`.
 */
export const HEAT_SETS = { move: `move${TILE_LAYOUT}`, click: `click${TILE_LAYOUT}`, scroll: 'scroll' } as const satisfies Record<Kind, string>;

/** The set of a page's counters (views, clicks per selector, forms, ...): one, for all segments. */
export const COUNTER_SET = 'c';

/** Every set of a page window, heatmap kinds first; the Lua scripts' key lists are built from it. */
export const PAGE_SETS = [...KINDS.map((k) => HEAT_SETS[k]), COUNTER_SET] as const;
