/**
 * Why events were dropped: the `reason` label of `heatlens_events_total{outcome="dropped"}` (metrics.ts),
 * each with what it means. A batch refused whole counts its events under the reason it was answered with
 * (http/accept-batch.ts, http/collect.ts); events dropped one by one inside an accepted batch count under
 * `unknown_type`, `client`, `too_old` or `duplicate`. ARCHITECTURE.md's "Drop reasons" table lists exactly
 * these (drop-reasons.test.ts).
 */
export const DROP_REASONS = {
  invalid: 'the batch fails the wire format (400)',
  forbidden: 'unknown site, or an origin the site does not allow (403)',
  rate_limited: 'over a write rate limit (429)',
  too_large: 'body over the size limit (413)',
  body_timeout: 'body sent too slowly (408)',
  unsupported_media_type: 'not text/plain or application/json (415)',
  overloaded: 'too many writes in flight (503)',
  deadline: 'the store did not answer within the write deadline (503)',
  store_unavailable: 'the store is down (503)',
  unknown_type: 'an event of a type this collector does not know (skipped, the rest kept)',
  client: 'events the SDK dropped itself (full queue, unload quota), reported in a later batch',
  too_old: 'an event older than the longest retention (core/fold.ts)',
  duplicate: 'a batch id already counted (a retry)',
} as const;

/** One reason events were dropped (a key of DROP_REASONS). */
export type DropReason = keyof typeof DROP_REASONS;
