import { Type, type Static } from '@sinclair/typebox';
import { AlertList } from './alerts.js';

export type { Alert, AlertList } from './alerts.js';
import { KINDS, SEGMENT_FILTERS } from './constants.js';

// The read side of the wire format: what /api/heatmap, /api/stats, /api/pages answer and what
// /live pushes. Declared here once; the extension and the dashboard parse frames with it.

const Count = Type.Number({ minimum: 0 });
const Name = Type.String({ maxLength: 2048 });
/** A ranked list of `{[key]: name, count}`, most first. */
const Top = <K extends string>(key: K) =>
  Type.Array(Type.Object({ [key]: Name, count: Count } as { [P in K]: typeof Name } & { count: typeof Count }));
const Window = {
  site: Type.String(),
  windowMs: Count,
  /** window start and end, server clock (ms since epoch) */
  from: Count,
  to: Count,
};

/**
 * Click heat of one element, found by selector in today's DOM: `count` clicks in the window (for
 * the snapshot's segment filter), and where inside the element they fell as
 * `[cx, cy, count]` cells of an `ELEMENT_GRID`-sided grid over its box (cell centre at
 * `(cx + 0.5) / ELEMENT_GRID` of its width).
 */
export const ElementHeat = Type.Object({
  sel: Type.String({ maxLength: 256 }),
  count: Count,
  points: Type.Array(Type.Tuple([Count, Count, Count])),
});
export type ElementHeat = Static<typeof ElementHeat>;

/**
 * A heatmap snapshot (tile layout v2). `tiles` lists non-empty page tiles as `[tx, ty, count]`:
 * `tx` of `grid` columns across the scroll root's width, `ty` a row of `rowPx` page px (`rows` is
 * one past the deepest row in use). `fixed` is the viewport layer: `tx` across the viewport width,
 * `ty` a row of `rowPx` from the top edge (>= 0) or from the bottom edge (< 0, -1 touching it), see
 * `fixedRowOf`. For `scroll`, `tx` is 0 and `ty` the band (0..grid-1) of each session's maximum
 * depth (reach at a band is the sum of the bands at or below it), and `fixed` is empty.
 * `elements` (clicks only): the most clicked elements with their own heat.
 */
export const Heatmap = Type.Object({
  ...Window,
  path: Type.String(),
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
  seg: Type.Union(SEGMENT_FILTERS.map((s) => Type.Literal(s))),
  grid: Count,
  rowPx: Count,
  rows: Count,
  total: Count,
  max: Count,
  tiles: Type.Array(Type.Tuple([Count, Count, Count])),
  fixed: Type.Array(Type.Tuple([Count, Type.Number(), Count])),
  elements: Type.Optional(Type.Array(ElementHeat)),
});
export type Heatmap = Static<typeof Heatmap>;

/** A ranked list of `[value, views]`, most views first (ties by value). */
const Ranked = Type.Array(Type.Tuple([Name, Count]));

/**
 * Where page views came from over a window, each a ranked list of `[value, views]` (at most
 * `MAX_SOURCES` entries). Values past the collector's per-page cap count as `(other)`.
 * - `referrers`: the referrer's host (`www.` folded; other schemes as scheme and host, e.g.
 *   `android-app://com.google.android.gm`), the page's `utm_source` when the site sends query
 *   strings, `(direct)` for none, `(internal)` for the site's own pages; malformed ones are not counted;
 * - `languages`: primary language subtag (`en`, `pt`);
 * - `timeZones`: IANA zone, canonical (`Europe/Lisbon`); `regions`: the zone's area (`Europe`),
 *   none for `UTC` and `Etc/*` (no GeoIP, no IP stored);
 * - `screens`: width segment and screen size in CSS px (`l 1920x1080`; s < 768 <= m < 1200 <= l).
 */
export const Sources = Type.Object({
  referrers: Ranked,
  languages: Ranked,
  timeZones: Ranked,
  regions: Ranked,
  screens: Ranked,
});
export type Sources = Static<typeof Sources>;

/** Most entries of each `Sources` list. */
export const MAX_SOURCES = 20;

const MediaCounts = Type.Object({ play: Count, p25: Count, p50: Count, p75: Count, complete: Count });
export type MediaCounts = Static<typeof MediaCounts>;

/** A page's numbers over a window. */
export const Stats = Type.Object({
  ...Window,
  path: Type.String(),
  /** every accepted event */
  events: Count,
  views: Count,
  /** unique visitor sessions (HyperLogLog estimate) */
  visitors: Count,
  clicks: Count,
  rage: Count,
  dead: Count,
  /** most clicked selectors */
  selectors: Top('sel'),
  /** selectors with most rage clicks (absent from collectors before per-element rage counts) */
  rageSelectors: Type.Optional(Top('sel')),
  /** selectors with most dead clicks (as `rageSelectors`) */
  deadSelectors: Type.Optional(Top('sel')),
  scroll: Type.Object({
    /** sessions that reported a depth */
    sessions: Count,
    /** median of sessions' maximum depth, percent */
    median: Count,
    /** share of sessions (0..1) that saw at least 25, 50, 75 and 100 % */
    reach: Type.Tuple([Count, Count, Count, Count]),
  }),
  forms: Type.Object({
    starts: Count,
    submits: Count,
    byForm: Type.Array(Type.Object({ form: Name, starts: Count, submits: Count })),
  }),
  media: Type.Object({
    video: MediaCounts,
    audio: MediaCounts,
    bySrc: Type.Array(Type.Object({ src: Name, kind: Type.String(), counts: MediaCounts })),
  }),
  downloads: Type.Object({ total: Count, top: Top('url') }),
  imageViews: Type.Object({ total: Count, top: Top('src') }),
  outbound: Type.Object({ total: Count, top: Top('url') }),
  engagedMs: Count,
  custom: Top('name'),
  /** where this page's views came from */
  sources: Sources,
});
export type Stats = Static<typeof Stats>;

/** Live pages of a site, ranked by events in the window, each with its numbers. */
export const Pages = Type.Object({
  ...Window,
  pages: Type.Array(Stats),
  /** where the site's views came from: the sum over `pages` (the listed ones, up to `limit`) */
  sources: Sources,
  /** events per bucket over the window, oldest first: `[bucketStart, events]` */
  series: Type.Array(Type.Tuple([Count, Count])),
  bucketMs: Count,
});
export type Pages = Static<typeof Pages>;

/** A position in a page feed's `heatlens.v2` sequence: one more per delta, whole and >= 0. */
const Seq = Type.Integer({ minimum: 0 });

/**
 * `heatlens.v2`: one hop's change to a page feed's snapshot, to apply to the viewer's state with
 * `applyDelta` (`live-delta.ts`). `seq` is one past the state's (the last `snapshot`'s or
 * `delta`'s); any other `seq` is a gap: the viewer sends `{type: 'resync'}` and drops deltas until
 * the full `snapshot` comes. The window and the map's scalars are whole; `tiles` and `fixed` are flat
 * `[tx, ty, n, tx, ty, n, ...]` runs of the tiles that changed, sorted by row then column (as the
 * snapshot's), `n` the tile's new count and 0 for a tile that left. `elements` (click maps), when
 * present, replaces the whole list (it is at most `MAX_ELEMENTS` long); `stats`, when present,
 * replaces the stats; absent, they held.
 */
export const DeltaMessage = Type.Object({
  type: Type.Literal('delta'),
  seq: Seq,
  windowMs: Count,
  from: Count,
  to: Count,
  grid: Count,
  rowPx: Count,
  rows: Count,
  total: Count,
  max: Count,
  tiles: Type.Array(Type.Number()),
  fixed: Type.Array(Type.Number()),
  elements: Type.Optional(Type.Array(ElementHeat)),
  stats: Type.Optional(Stats),
});
export type DeltaMessage = Static<typeof DeltaMessage>;

/**
 * What a `heatlens.v2` viewer may send (text JSON): `resync` asks for the full snapshot again (after
 * a gap in `seq`). Anything else a viewer sends (the keep-alive `ping`) is ignored.
 */
export type LiveClientMessage = { type: 'resync' };
/** The one client message, serialised. */
export const RESYNC_MESSAGE = JSON.stringify({ type: 'resync' } satisfies LiveClientMessage);

/**
 * A `/live` frame. With `path`, the socket receives `snapshot`s (in `heatlens.v2` with `seq`, then
 * `delta`s); without, the site's `pages`.
 */
export const LiveMessage = Type.Union([
  Type.Composite([Heatmap, Type.Object({ type: Type.Literal('snapshot'), stats: Stats, seq: Type.Optional(Seq) })]),
  DeltaMessage,
  Type.Composite([Pages, Type.Object({ type: Type.Literal('pages'), alerts: Type.Optional(AlertList) })]),
  Type.Object({ type: Type.Literal('error'), error: Type.String() }),
]);
/** A full page frame; `seq` in `heatlens.v2` only: the position its deltas continue from. */
export type SnapshotMessage = Heatmap & { type: 'snapshot'; stats: Stats; seq?: number };
/** `alerts`: the site's firing and recent alerts, when it has alert rules. */
export type PagesMessage = Pages & { type: 'pages'; alerts?: AlertList };
export type LiveMessage = SnapshotMessage | DeltaMessage | PagesMessage | { type: 'error'; error: string };

/**
 * `GET /api/sites`: the sites a read token may see, as the collector answers it (`routes` always
 * present, `[]` for none). The one declaration: the extension validates with it, the dashboard
 * types with it, the collector answers `satisfies Sites`.
 */
export const Sites = Type.Object({
  sites: Type.Array(
    Type.Object({
      id: Type.String(),
      /** origins allowed to write: `scheme://host[:port]`, or `*` for any */
      origins: Type.Array(Type.String()),
      /** route templates such as `/product/:id` */
      routes: Type.Array(Type.String()),
      /** CSS selectors the extension paints over (and never names) in page captures; `[]` for none */
      masks: Type.Optional(Type.Array(Type.String())),
      /** days of history the site keeps (1..400): the windows it answers (`windowKept`); default 30 */
      retentionDays: Type.Optional(Type.Integer()),
    }),
  ),
});
export type Sites = Static<typeof Sites>;
/** One readable site of `Sites`. */
export type ReadableSite = Sites['sites'][number];
