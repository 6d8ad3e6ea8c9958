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

/** Bucket members one advance call moves at most (each costs a few commands in the script); the next call goes on. */
export const ADVANCE_BUDGET = 10_000;

/**
 * Buckets of the live level kept out of its rolling keys (the current one and the 3 before): writes to
 * them cost one command.
 */
export const OPEN_BUCKETS = 4;
