/** How long a batch id is remembered: longer than any SDK retry schedule. */
export const BATCH_ID_TTL_MS = 15 * 60_000;

/** How long a session's deepest scroll is remembered after its last scroll event. */
export const SCROLL_SESSION_TTL_MS = 30 * 60_000;
