import type { WindowName } from '@heatlens/schema';

/*
 * The Redis vocabulary: every key the collector writes, in one place. The Lua scripts get their
 * key builders from here (`LUA_KEYS`), so a name is spelled once.
 *
 * Every key of one (site, page) shares the hash tag `{site|page}` (prefix P below), so each
 * multi-key step runs on one Redis Cluster node; site-wide keys share `{site}` (prefix S). Site ids
 * cannot contain `|`, so no two (site, page) pairs share a prefix: one site can never reach another's.
 *
 * key                        type    TTL                                 writer                  reader
 * -------------------------  ------  ----------------------------------  ----------------------  --------------------
 * P:<win>:<set>:<seg>:<b>    zset    bucket end + window + slack         record, advance         advance, reads
 * P:<win>:<set>:<seg>:r      zset    window + slack, refreshed on write  advance (late: record)  reads
 * P:<win>:<set>:<seg>:<b>:n  hash    as its zset                         record, advance         record, advance
 * P:<win>:<set>:<seg>:r:n    hash    as its zset                         advance (late: record)  advance
 * P:<win>:e                  string  window + slack                      advance                 record, advance
 * P:<win>:s                  string  window + slack (live level; a       advance                 record, advance
 *                                    longer one while rebuilt)
 * P:<win>:s:q                string  window + slack (as P:<win>:s: the   advance                 record, advance
 *                                    bucket being sealed)
 * P:<win>:<set>:<seg>:<b>:q  zset    as its bucket (what the rolls lack  advance (record: adds)  record, advance,
 *                                    of a bucket being sealed)                                   reads, windowChanges
 * P:<win>:u:<b>              HLL     bucket end + window + slack         record                  stats
 * P:b:<batchId>              string  BATCH_ID_TTL_MS                     record                  record
 * P:sm:<sid>                 string  SCROLL_SESSION_TTL_MS               record                  record
 * P:v, P:x                   string  longest window + slack              record / advance        advance (change tag)
 * P:w                        string  the watch's ttl                     watch                   record, advance
 * P:<win>:<set>:<seg>:<b>:g  zset    GONE_MS (a watched page's bucket    advance                 windowChanges
 *                                    that left its level, kept whole)
 * P:rs                       string  longest window + slack              record / advance        windowChanges
 * P:wv, P:ws                 hash,   live window + slack (watched page:  record (advance: HDEL)  windowChanges
 *                            string  open bucket key -> write sequence)
 * S:p:<win>:<b>              zset    bucket end + window + 2 buckets     rank                    pages
 * S:ev:<b>                   string  as S:p:5m:<b>                       rank                    pages
 * S:ev:<win>:<b>             string  as S:p:<win>:<b> (1h, 24h, 30d)      rank                    pages
 * S:rb:<batchId>             string  BATCH_ID_TTL_MS                     rank                    rank
 * S:known                    zset    2 x longest window, refreshed       rank, admit             sweep, admit
 * S:pg:<b>                   set     2 page-cap buckets                  admit                   admit
 * S:sweep:<slot>             string  2 sweep intervals                   sweep                   sweep
 * S:al:on, S:al:cd           hash    7 days, refreshed                   alerts (open, close)    alerts
 * S:al:log                   list    7 days, refreshed                   alerts (open, close)    alerts, dashboard
 * S:vw:<id>, S:vwi           string  the view's life (VIEW_TTL_MS)       views (save, delete)    views
 * S:sh:<id>, S:shi           string  until the link expires              shares (save, revoke)   shares, share auth
 * P:cap:<seg>                zset    capture TTL, refreshed on put       captures put            captures list
 * P:cap:m:<id>, P:cap:i:<id> string  capture TTL (90 days)               captures put            list / image route
 * S:caps, S:caps:b           zset,   capture TTL, refreshed on put       captures put            captures put
 *                            hash
 * S:su:<minute>              hash    62 minutes                          setup log (refusals)    GET /api/setup
 * S:su:ok                    string  30 days                             setup log (accepted)    GET /api/setup
 * hl:rl:<kind>:<key>         string  the limit's window                  rate-limit sync         rate-limit sync
 *
 * `<win>` a window level (5m, 1h, 24h, 30d); `<set>` one of `PAGE_SETS` (core/set-names.ts); `<seg>` s, m,
 * l or `a` (`ALL_SEG_KEY`: counters, and the all-segments roll); `<b>` a bucket start in ms. A `:n` hash
 * (`DISTINCT_SUFFIX`) counts the distinct members of each capped family in its zset (core/counters.ts), so
 * the cap costs one HGET per new member. Members of the counter set `c` are encoded by core/counters.ts; of
 * the heatmap sets by core/fold.ts (tiles) and core/build-heatmap.ts.
 */

type Part = string | { arg: string };
const arg = (name: string) => ({ arg: name });

// Each key as parts after its prefix: literals, and named arguments.
const SPECS = {
  bucket: [arg('win'), arg('set'), arg('seg'), arg('b')],
  roll: [arg('win'), arg('set'), arg('seg'), 'r'],
  bucketDistinct: [arg('win'), arg('set'), arg('seg'), arg('b'), 'n'],
  rollDistinct: [arg('win'), arg('set'), arg('seg'), 'r', 'n'],
  edge: [arg('win'), 'e'],
  sealed: [arg('win'), 's'],
  sealing: [arg('win'), 's', 'q'],
  sealQueue: [arg('win'), arg('set'), arg('seg'), arg('b'), 'q'],
  visitors: [arg('win'), 'u', arg('b')],
  batch: ['b', arg('id')],
  scrollMax: ['sm', arg('sid')],
  version: ['v'],
  moves: ['x'],
  gone: [arg('win'), arg('set'), arg('seg'), arg('b'), 'g'],
  resync: ['rs'],
  written: ['wv'],
  writeSeq: ['ws'],
  watched: ['w'],
  rank: ['p', arg('win'), arg('b')],
  events: ['ev', arg('b')],
  levelEvents: ['ev', arg('win'), arg('b')],
  rankBatch: ['rb', arg('id')],
  known: ['known'],
  admitted: ['pg', arg('b')],
  admittedReserved: ['pr', arg('b')],
  pageNotes: ['pc', arg('b')],
  sweepSlot: ['sweep', arg('slot')],
  alertsFiring: ['al', 'on'],
  alertsCooldown: ['al', 'cd'],
  alertsLog: ['al', 'log'],
  savedView: ['vw', arg('id')],
  savedViews: ['vwi'],
  share: ['sh', arg('id')],
  shares: ['shi'],
  captureList: ['cap', arg('seg')],
  captureMeta: ['cap', 'm', arg('id')],
  captureImage: ['cap', 'i', arg('id')],
  siteCaptures: ['caps'],
  siteCaptureBytes: ['caps', 'b'],
  ready: ['ready'],
  setup: ['su', arg('b')],
  setupLast: ['su', 'ok'],
} satisfies Record<string, Part[]>;

const build = (prefix: string, parts: Part[], args: Record<string, string | number>) =>
  prefix + parts.map((p) => `:${typeof p === 'string' ? p : args[p.arg]}`).join('');

/** Prefix of a page's keys (P in the table above): `hl:{site|page}`, page as `SiteRegistry.routeOf` gives it. */
export const pagePrefix = (site: string, page: string) => `hl:{${site}|${page}}`;

/** Prefix of a site's keys (page ranking, events series, known pages). */
export const siteKey = (site: string) => `hl:{${site}}`;

/** A page level's bucket of one set and segment. */
export const bucketKey = (page: string, win: WindowName, set: string, seg: string, b: number) =>
  build(page, SPECS.bucket, { win, set, seg, b });
/** A page level's rolling key for one set and segment (`ALL_SEG_KEY`: all segments). */
export const rollKey = (page: string, win: WindowName, set: string, seg: string) =>
  build(page, SPECS.roll, { win, set, seg });
/** A page level's visitors HyperLogLog of one bucket. */
export const visitorsKey = (page: string, win: WindowName, b: number) => build(page, SPECS.visitors, { win, b });
/** Whether an owner watches a page. */
export const watchedKey = (page: string) => build(page, SPECS.watched, {});
/** A site level's page ranking of one bucket. */
export const rankKey = (site: string, win: WindowName, b: number) => build(siteKey(site), SPECS.rank, { win, b });
/** A site's events in one live bucket. */
export const eventsKey = (site: string, b: number) => build(siteKey(site), SPECS.events, { b });
/** A site's events in one bucket of a longer window's level (1h, 24h, 30d): that window's series. */
export const levelEventsKey = (site: string, win: WindowName, b: number) =>
  build(siteKey(site), SPECS.levelEvents, { win, b });
/** A site's known pages (page -> last write), swept and admitted first. */
export const knownKey = (site: string) => build(siteKey(site), SPECS.known, {});
/** The lock of one sweep slot of a site. */
export const sweepKey = (site: string, slot: number) => build(siteKey(site), SPECS.sweepSlot, { slot });

/**
 * What `/readyz` writes (`SET ... PX 10000`): a store that refuses writes (Redis out of memory with
 * `noeviction`, a read-only replica) is not ready even though it answers PING.
 */
export const READY_KEY = build('hl:{heatlens}', SPECS.ready, {});

/** A site's firing alerts (id -> body), their cooldowns (id -> end, ms) and recent notices (alert-state-redis.ts). */
export const alertKeys = (site: string) =>
  [SPECS.alertsFiring, SPECS.alertsCooldown, SPECS.alertsLog].map((parts) => build(siteKey(site), parts, {}));

/** A saved view (JSON) and its site's index of views (id -> `until|summary`): store/views-redis.ts. */
export const savedViewKeys = (site: string, id: string) =>
  [build(siteKey(site), SPECS.savedViews, {}), build(siteKey(site), SPECS.savedView, { id })] as const;
/** A read-only link (JSON) and its site's index of links (id -> expiry ms): store/views-redis.ts. */
export const shareKeys = (site: string, id: string) =>
  [build(siteKey(site), SPECS.shares, {}), build(siteKey(site), SPECS.share, { id })] as const;
/** A page's captures of one width segment (member: capture key, score: order stored), store/captures-redis.ts. */
export const captureListKey = (page: string, seg: string) => build(page, SPECS.captureList, { seg });
/** A stored capture's meta (JSON) and image (binary) under its page's prefix. */
export const captureKeys = (page: string, id: string) =>
  [build(page, SPECS.captureMeta, { id }), build(page, SPECS.captureImage, { id })] as const;
/** A site's captures (member: capture id, score: order stored) and their image bytes (hash id -> bytes). */
export const siteCaptureKeys = (site: string) =>
  [build(siteKey(site), SPECS.siteCaptures, {}), build(siteKey(site), SPECS.siteCaptureBytes, {})] as const;
/** A site's setup tallies of one minute (refused batches by reason and detail: setup/setup-log.ts). */
export const setupKey = (site: string, b: number) => build(siteKey(site), SPECS.setup, { b });
/** When a batch was last accepted for a site. */
export const setupLastKey = (site: string) => build(siteKey(site), SPECS.setupLast, {});

/** Every key name the collector may write, as patterns: the TTL scan test matches keys to them. */
export const KEY_PATTERNS: RegExp[] = Object.values(SPECS).map(
  (parts) =>
    new RegExp(`^hl:\\{[^}]*\\}${(parts as Part[]).map((p) => `:${typeof p === 'string' ? p : '[^:]+'}`).join('')}$`),
);

/**
 * Lua functions `K_<name>(prefix, args...)` building each key from its prefix (the page's or the
 * site's), generated from the table above so the scripts and TypeScript spell keys alike.
 */
/**
 * The suffix of a zset's distinct-members hash (`<key>:n`: members per capped family, see above). The
 * Lua scripts spell it `DISTINCT` (declared in `LUA_KEYS`).
 */
export const DISTINCT_SUFFIX = ':n';

/**
 * A rate limiter's key in Redis (`hl:rl:<kind>`, the limited key appended by limit-sync.ts): one
 * plain key per (kind, key), outside any page's or site's hash tag. `kind` is ip, site or read.
 */
export const rateLimitKey = (kind: string) => `hl:rl:${kind}`;

export const LUA_KEYS = [
  `local DISTINCT = '${DISTINCT_SUFFIX}'`,
  ...Object.entries(SPECS).map(([name, parts]) => {
    const params = (parts as Part[]).filter((p) => typeof p !== 'string').map((p) => p.arg);
    const body = (parts as Part[]).map((p) => `':' .. ${typeof p === 'string' ? `'${p}'` : p.arg}`).join(' .. ');
    return `local function K_${name}(${['pre', ...params].join(', ')}) return pre${body ? ` .. ${body}` : ''} end`;
  }),
].join('\n');

/** Lua list literal of strings. */
export const luaList = (xs: readonly string[]) => `{${xs.map((x) => `'${x}'`).join(',')}}`;
