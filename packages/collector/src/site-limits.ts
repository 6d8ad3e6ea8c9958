/**
 * Per-site limits: each one has a value per site (`limits` in the site's entry of the sites file),
 * a default for every site (`siteLimits` of `startCollector`, from HEATLENS_SITE_* in the
 * environment), and under that the collector-wide option it refines (or the built-in default).
 * A site with 50,000 posts or 10,000 visitors at once raises its own limits, nobody else's.
 */

/** A site's limits. Every field is optional in the sites file and in `siteLimits`. */
export type SiteLimits = {
  /** batches per rate-limit window (10 s) from everyone, across collectors; default 20,000 */
  writes: number;
  /** pages known (admitted first, never pushed into `(other)` by new paths); default 10,000 */
  knownPages: number;
  /** new pages per 5-minute bucket; further new paths count as `(other)`; default 1,000 */
  newPages: number;
  /** open `/live` sockets per read token of the site; default 200 */
  liveSockets: number;
  /** distinct pages watched live per read token of the site; default 100 */
  watchedPages: number;
};

/** Bounds of each limit (inclusive) and its environment variable. */
export const SITE_LIMIT_BOUNDS: Record<keyof SiteLimits, { min: number; max: number; env: string }> = {
  writes: { min: 1, max: 10_000_000, env: 'HEATLENS_SITE_WRITES' },
  knownPages: { min: 1, max: 1_000_000, env: 'HEATLENS_SITE_KNOWN_PAGES' },
  newPages: { min: 1, max: 100_000, env: 'HEATLENS_SITE_NEW_PAGES' },
  liveSockets: { min: 1, max: 100_000, env: 'HEATLENS_SITE_LIVE_SOCKETS' },
  watchedPages: { min: 1, max: 10_000, env: 'HEATLENS_SITE_WATCHED_PAGES' },
};

const NAMES = Object.keys(SITE_LIMIT_BOUNDS) as Array<keyof SiteLimits>;
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Check a `limits` object (a site's, or the defaults); throws a TypeError naming the field and
 * its bounds, e.g. `sites[0].limits.knownPages must be an integer from 1 to 1,000,000`.
 */
export function checkSiteLimits(v: unknown, at: string): asserts v is Partial<SiteLimits> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`${at} must be an object`);
  for (const [k, x] of Object.entries(v)) {
    const b = SITE_LIMIT_BOUNDS[k as keyof SiteLimits];
    if (!b) throw new TypeError(`${at}.${k} is not a limit (one of ${NAMES.join(', ')})`);
    if (!(Number.isInteger(x) && (x as number) >= b.min && (x as number) <= b.max))
      throw new TypeError(
        `${at}.${k} must be an integer from ${fmt(b.min)} to ${fmt(b.max)}, got ${JSON.stringify(x)}`,
      );
  }
}

/** The defaults of every site from HEATLENS_SITE_*; undefined when none is set. Throws a TypeError on a bad value. */
export function siteLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<SiteLimits> | undefined {
  const out: Partial<SiteLimits> = {};
  for (const k of NAMES) {
    const raw = env[SITE_LIMIT_BOUNDS[k].env];
    if (raw === undefined || raw === '') continue;
    const n = /^\d+$/.test(raw.replace(/_/g, '')) ? Number(raw.replace(/_/g, '')) : NaN;
    const b = SITE_LIMIT_BOUNDS[k];
    if (!(Number.isInteger(n) && n >= b.min && n <= b.max))
      throw new TypeError(`${b.env} must be an integer from ${fmt(b.min)} to ${fmt(b.max)}, got "${raw}"`);
    out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * A site's limits: its own, else the defaults, else `base` (the collector-wide options:
 * rateLimits.writesPerSite.points, maxPagesPerSite, liveLimits.socketsPerToken and pathsPerToken).
 */
export function siteLimitsOf(
  site: { limits?: Partial<SiteLimits> } | undefined,
  defaults: Partial<SiteLimits> | undefined,
  base: SiteLimits,
): SiteLimits {
  return { ...base, ...defaults, ...site?.limits };
}
