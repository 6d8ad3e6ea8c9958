import { READ_TOKEN_PATTERN, SITE_ID_PATTERN } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig, validateSites } from './config.js';

// Limits (body, deadlines, live and rate limits) have their own file: config-limits.test.ts.

const site = { id: 'shop', origins: ['https://shop.example'], readToken: 'a-read-token-0123456789' };

describe('resolveConfig', () => {
  it('spreads the defaults under the options, ignoring options set to undefined', () => {
    const c = resolveConfig({ port: 0, hopMs: undefined, sites: [site] });
    expect(c.port).toBe(0);
    expect(c.hopMs).toBe(DEFAULTS.hopMs);
    expect(c.grid).toBe(50);
    expect(c.demo).toBe(false);
    expect(c.sites).toEqual([site]);
  });

  it('makes up one demo site with a fresh read token when none are given', () => {
    const a = resolveConfig();
    const b = resolveConfig();
    expect(a.demo).toBe(true);
    expect(a.sites.map((s) => [s.id, s.origins])).toEqual([['demo', ['*']]]);
    expect(a.sites[0]!.readToken).toMatch(new RegExp(READ_TOKEN_PATTERN));
    expect(a.sites[0]!.readToken).not.toBe(b.sites[0]!.readToken);
  });

  it('refuses invalid combinations with an exact TypeError', () => {
    const cases: Array<[Parameters<typeof resolveConfig>[0], string]> = [
      [{ port: 65536 }, 'port must be an integer from 0 to 65535'],
      [{ port: 1.5 }, 'port must be an integer from 0 to 65535'],
      [{ redisUrl: 'redis://x', redisCluster: ['a:1'] }, 'REDIS_URL and REDIS_CLUSTER are mutually exclusive'],
      [{ hopMs: 0 }, 'hopMs must be a positive number'],
      [{ flushIdleMs: Number.POSITIVE_INFINITY }, 'flushIdleMs must be a positive number'],
      [{ grid: 1 }, 'grid must be an integer from 2 to 200'],
      [{ grid: 201 }, 'grid must be an integer from 2 to 200'],
      [{ maxPagesPerSite: 0 }, 'maxPagesPerSite must be a positive integer'],
      [
        { rateLimits: { writesPerIp: { points: 0, seconds: 1 } } },
        'rateLimits.writesPerIp must have positive integer points and seconds',
      ],
      [{ alerts: { retries: -1 } }, 'alerts.retries must be a non-negative number'],
      [{ alerts: { evalMs: 0 } }, 'alerts.evalMs must be a positive number'],
      [{ sites: [] }, 'sites must be a non-empty array'],
    ];
    for (const [options, message] of cases)
      expect(() => resolveConfig(options), message).toThrow(new TypeError(message));
  });

  it('accepts a redis URL alone and an empty cluster list with it', () => {
    expect(resolveConfig({ redisUrl: 'redis://x', redisCluster: [] }).redisUrl).toBe('redis://x');
    expect(resolveConfig({ alerts: { retries: 0 } }).alerts?.retries).toBe(0);
  });
});

describe('validateSites', () => {
  it('names the first problem and where it is', () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'sites must be a non-empty array'],
      [[null], 'sites[0] must be an object'],
      [[{ ...site, id: 'a|b' }], `sites[0].id must match ${SITE_ID_PATTERN}`],
      [[site, { ...site }], 'sites[1].id "shop" is not unique'],
      [[{ ...site, origins: [] }], 'sites[0].origins must be a non-empty array'],
      [
        [{ ...site, origins: ['https://shop.example/path'] }],
        'sites[0].origins: "https://shop.example/path" is not scheme://host[:port] or *',
      ],
      [[{ ...site, readToken: 'short' }], `sites[0].readToken must match ${READ_TOKEN_PATTERN}`],
      [[{ ...site, routes: ['product/:id'] }], 'sites[0].routes must be an array of paths starting with /'],
    ];
    for (const [sites, message] of cases) expect(() => validateSites(sites), message).toThrow(new TypeError(message));
  });

  it('accepts extension origins, * and route templates', () => {
    const ok = [
      { ...site, origins: ['*', 'chrome-extension://abc', 'http://localhost:3000'], routes: ['/product/:id'] },
    ];
    expect(validateSites(ok)).toBe(ok);
  });
});
