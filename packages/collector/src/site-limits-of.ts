import { DEFAULT_RATE_LIMITS, type ResolvedConfig, type SiteConfig } from './config.js';
import { siteLimitsOf, type SiteLimits } from './site-limits.js';
import { DEFAULT_MAX_KNOWN_PAGES, type PageLimits } from './store/page-cap.js';

/**
 * Every site's limits for the composition root: `limitsOf(id)` is the site's own (sites file),
 * else `siteLimits` (HEATLENS_SITE_*), else the collector-wide options, read at each call so a
 * reloaded sites file takes effect at once; `pageLimits(id)` is its share the stores take.
 */
export function siteLimitsResolver(config: ResolvedConfig, site: (id: string) => SiteConfig | undefined) {
  const writes = config.rateLimits ? config.rateLimits.writesPerSite?.points : undefined;
  const base: SiteLimits = {
    writes: writes ?? DEFAULT_RATE_LIMITS.writesPerSite.points,
    knownPages: DEFAULT_MAX_KNOWN_PAGES,
    newPages: config.maxPagesPerSite,
    liveSockets: config.liveLimits.socketsPerToken,
    watchedPages: config.liveLimits.pathsPerToken,
  };
  const limitsOf = (id: string): SiteLimits => siteLimitsOf(site(id), config.siteLimits, base);
  const pageLimits = (id: string): PageLimits => {
    const l = limitsOf(id);
    return { maxPages: l.newPages, maxKnownPages: l.knownPages };
  };
  return { limitsOf, pageLimits };
}
