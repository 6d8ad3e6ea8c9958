// The options type of alert evaluation and delivery, apart from the engine: config.ts declares it in
// CollectorOptions and the engine reads it, so neither imports the other.

/** Options of alert evaluation and delivery (`alerts` in CollectorOptions). */
export type AlertOptions = {
  /** how often each site's rules are evaluated; default 2000 ms */
  evalMs?: number;
  /** a webhook attempt is abandoned after this long; default 5000 ms */
  timeoutMs?: number;
  /** retries after a failed attempt; default 3 */
  retries?: number;
  /** first retry delay, doubled per retry; default 1000 ms */
  backoffMs?: number;
  /** the dashboard's public address for alert links (HEATLENS_PUBLIC_URL); default the collector's URL */
  publicUrl?: string;
  /** recent notices kept per site; default 50 */
  keep?: number;
  /** pages per site the rules look at, most active in the last hour first; default 200 */
  maxPages?: number;
  /** alerts of one rule firing at once per site; the rest roll into one `(more)` alert; default 20 */
  maxFiringPerRule?: number;
  /**
   * a firing notice whose delivery gave up is offered again after this long, until delivered or
   * resolved; default 60,000 ms
   */
  redeliverMs?: number;
  /** send webhooks with this instead (tests; deliver.ts); default node:http(s), addresses checked per connection */
  fetch?: typeof fetch;
};
