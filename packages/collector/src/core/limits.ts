/** How long a batch id is remembered: longer than any SDK retry schedule. */
export const BATCH_ID_TTL_MS = 15 * 60_000;

/** How long a session's deepest scroll is remembered after its last scroll event. */
export const SCROLL_SESSION_TTL_MS = 30 * 60_000;

/**
 * Distinct members per counter family (selectors, URLs, sources, names, forms, elements) in one bucket
 * or rolling key; past it, `(other)`.
 */
export const MAX_FAMILY_MEMBERS = 100;

/** Longest visitor string stored in a member, in UTF-16 units (longer ones are cut). */
export const MAX_MEMBER_CHARS = 256;

/**
 * Bucket members one advance call moves at most, out of leaving buckets and into the rolls as a live
 * bucket is sealed (each costs a few commands in the script); the next call goes on, inside a
 * bucket's set if need be. At 2,500 a call ran 62 ms on one Redis and 78 ms on Cluster on a loaded
 * machine (about 31 us a member): 500 bounds a call near 16 ms there. Under a tile flood on a
 * machine at load 20-26 on 2 cores, a call at 500 measured 37-99 ms (the sealing call 37-64 ms).
 */
export const ADVANCE_BUDGET = 500;

/** Redis time one advanced member may cost at worst on a loaded machine (78 ms / 2,500, measured), in us. */
export const ADVANCE_US_PER_MEMBER = 31;

/**
 * Buckets of the live level kept out of its rolling keys (the current one and the 3 before): writes to
 * them cost one command.
 */
export const OPEN_BUCKETS = 4;

/**
 * Distinct tiles (page and fixed-layer members of a move or click set) one live bucket holds per
 * (page, kind, segment): 1,000, 20 rows of every column in 5 s. Past it a new tile's increment is
 * dropped and counted (the page's counter `tdrop`); tiles already in the bucket keep counting.
 * Batches of 500 moves on distinct tiles made buckets of 250,000 members and a 1.6 s advance.
 */
export const MAX_TILES_PER_BUCKET = 1000;

/**
 * Distinct tiles per (page, window level, kind, segment) in a rolling key or a longer level's
 * bucket: 10,000 (200 rows of every column), the bound of what one page's window holds. Past it,
 * as above.
 */
export const MAX_TILES_PER_WINDOW = 10_000;

/**
 * The memory store's batch ids per page (Redis keeps each with its TTL, bounded by its memory):
 * past it the oldest is forgotten first, so a retry of a batch that old would count twice. 50,000
 * is over 10 minutes at the per-IP write limit.
 */
export const MAX_BATCH_IDS_PER_PAGE = 50_000;

/**
 * The memory store's remembered deepest scroll per session, per page: past it the least recently
 * scrolling session is forgotten (its next scroll counts its reach again from the top).
 */
export const MAX_SCROLL_SESSIONS_PER_PAGE = 10_000;

/**
 * How long a watched page keeps a bucket that left its window level (key `…:g`), so `windowChanges`
 * can tell which members it moved: a cursor older than half of this asks for a full read.
 */
export const GONE_MS = 60_000;

/**
 * Members one `windowChanges` call reads at most (candidates from entering and leaving buckets);
 * past it the call answers "do a full read", so a script's work stays bounded.
 */
export const MAX_WINDOW_CHANGES = 4000;
