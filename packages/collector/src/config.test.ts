import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_TOKEN_PATTERN, SITE_ID_PATTERN } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, optionsFromEnv, resolveConfig, validateSites, workersFromEnv } from './config.js';

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

describe('environment', () => {
  it('reads PORT, REDIS_CLUSTER and HEATLENS_PUBLIC_URL, refusing malformed values by name', () => {
    expect(optionsFromEnv({ PORT: '0', REDIS_CLUSTER: 'a:7000, b:7001,' })).toEqual({
      port: 0,
      redisCluster: ['a:7000', 'b:7001'],
    });
    expect(() => optionsFromEnv({ PORT: '80a' })).toThrow(new TypeError('PORT must be a number, got "80a"'));
    expect(() => optionsFromEnv({ REDIS_CLUSTER: 'a:7000,b' })).toThrow(
      new TypeError('REDIS_CLUSTER: "b" is not host:port'),
    );
    expect(() => optionsFromEnv({ HEATLENS_PUBLIC_URL: 'ftp://x' })).toThrow(
      new TypeError('HEATLENS_PUBLIC_URL must be an http(s) URL, got "ftp://x"'),
    );
    expect(optionsFromEnv({ HEATLENS_TRUST_PROXY: '1' }).rateLimits).toEqual({ trustProxy: true });
  });

  it('reads and validates the sites file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatlens-config-'));
    const good = join(dir, 'sites.json');
    writeFileSync(good, JSON.stringify([site]));
    expect(optionsFromEnv({ HEATLENS_SITES: good }).sites).toEqual([site]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ ...site, origins: [] }]));
    expect(() => optionsFromEnv({ HEATLENS_SITES: bad })).toThrow(
      new TypeError('sites[0].origins must be a non-empty array'),
    );
    expect(() => optionsFromEnv({ HEATLENS_SITES: join(dir, 'missing.json') })).toThrow(
      /^HEATLENS_SITES: cannot read .*missing\.json: ENOENT/,
    );
    rmSync(dir, { recursive: true });
  });

  it('allows several workers only with a shared store and configured sites', () => {
    expect(workersFromEnv({})).toBe(1);
    expect(workersFromEnv({ HEATLENS_WORKERS: '1' })).toBe(1);
    expect(workersFromEnv({ HEATLENS_WORKERS: '3', REDIS_URL: 'redis://x', HEATLENS_SITES: '/s.json' })).toBe(3);
    expect(() => workersFromEnv({ HEATLENS_WORKERS: '0' })).toThrow(
      new TypeError('HEATLENS_WORKERS must be a positive integer, got "0"'),
    );
    expect(() => workersFromEnv({ HEATLENS_WORKERS: '2', HEATLENS_SITES: '/s.json' })).toThrow(
      new TypeError('HEATLENS_WORKERS > 1 needs REDIS_URL or REDIS_CLUSTER: workers share no memory'),
    );
    expect(() => workersFromEnv({ HEATLENS_WORKERS: '2', REDIS_CLUSTER: 'a:1' })).toThrow(
      new TypeError('HEATLENS_WORKERS > 1 needs HEATLENS_SITES: each worker would make up its own demo read token'),
    );
  });
});
