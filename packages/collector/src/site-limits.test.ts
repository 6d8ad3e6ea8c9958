import { describe, expect, it } from 'vitest';
import { resolveConfig, validateSites, type SiteConfig } from './config.js';
import { optionsFromEnv } from './config-env.js';
import { siteLimitsFromEnv, siteLimitsOf } from './site-limits.js';
import { siteLimitsResolver } from './site-limits-of.js';

const site = (limits?: unknown): SiteConfig =>
  ({
    id: 'blog',
    origins: ['*'],
    readToken: 'blog-read-token-0123456789',
    ...(limits === undefined ? {} : { limits }),
  }) as SiteConfig;

describe('per-site limits', () => {
  it('take a site of the sites file with its own limits, and refuse bad ones naming the field and bounds', () => {
    expect(validateSites([site({ knownPages: 50_000, writes: 100_000 })])[0]!.limits).toEqual({
      knownPages: 50_000,
      writes: 100_000,
    });
    expect(() => validateSites([site({ knownPages: 0 })])).toThrow(
      new TypeError('sites[0].limits.knownPages must be an integer from 1 to 1,000,000, got 0'),
    );
    expect(() => validateSites([site({ newPages: 1.5 })])).toThrow(/sites\[0\]\.limits\.newPages must be an integer/);
    expect(() => validateSites([site({ writes: '100' })])).toThrow(/limits\.writes must be an integer .* got "100"/);
    expect(() => validateSites([site({ liveSockets: 100_001 })])).toThrow(/from 1 to 100,000/);
    expect(() => validateSites([site({ pages: 5 })])).toThrow(
      new TypeError(
        'sites[0].limits.pages is not a limit (one of writes, knownPages, newPages, liveSockets, watchedPages)',
      ),
    );
    expect(() => validateSites([site([1])])).toThrow(new TypeError('sites[0].limits must be an object'));
    expect(() => resolveConfig({ siteLimits: { watchedPages: 10_001 } })).toThrow(
      /siteLimits\.watchedPages must be an integer from 1 to 10,000/,
    );
  });

  it('read every default from HEATLENS_SITE_*, checked at start', () => {
    const env = { HEATLENS_SITE_KNOWN_PAGES: '50000', HEATLENS_SITE_WRITES: '100_000', HEATLENS_SITE_NEW_PAGES: '' };
    expect(optionsFromEnv(env).siteLimits).toEqual({ knownPages: 50_000, writes: 100_000 });
    expect(siteLimitsFromEnv({})).toBeUndefined();
    expect(() => siteLimitsFromEnv({ HEATLENS_SITE_LIVE_SOCKETS: '0' })).toThrow(
      new TypeError('HEATLENS_SITE_LIVE_SOCKETS must be an integer from 1 to 100,000, got "0"'),
    );
    expect(() => siteLimitsFromEnv({ HEATLENS_SITE_WATCHED_PAGES: 'lots' })).toThrow(/HEATLENS_SITE_WATCHED_PAGES/);
  });

  it("give a site its own value, else the defaults', else the collector-wide options'", () => {
    const config = resolveConfig({
      sites: [site({ knownPages: 12_000 }), { ...site(), id: 'shop' }],
      siteLimits: { newPages: 5000 },
      maxPagesPerSite: 7,
      liveLimits: { socketsPerToken: 9 },
      rateLimits: { writesPerSite: { points: 300, seconds: 10 } },
    });
    const { limitsOf, pageLimits } = siteLimitsResolver(config, (id) => config.sites.find((s) => s.id === id));
    expect(limitsOf('blog')).toEqual({
      writes: 300,
      knownPages: 12_000,
      newPages: 5000,
      liveSockets: 9,
      watchedPages: 100,
    });
    expect(pageLimits('shop')).toEqual({ maxPages: 5000, maxKnownPages: 10_000 });
    expect(siteLimitsOf(undefined, undefined, limitsOf('shop'))).toEqual(limitsOf('shop'));
  });
});
