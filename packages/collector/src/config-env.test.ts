import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv, workersFromEnv } from './config-env.js';

const site = { id: 'shop', origins: ['https://shop.example'], readToken: 'a-read-token-0123456789' };

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

  it('reads where and how /metrics is served', () => {
    expect(
      optionsFromEnv({
        HEATLENS_METRICS_TOKEN: 'm'.repeat(20),
        HEATLENS_METRICS_PORT: '9464',
        HEATLENS_METRICS_HOST: '::',
      }).metrics,
    ).toEqual({ token: 'm'.repeat(20), port: 9464, host: '::' });
    expect(optionsFromEnv({}).metrics).toBeUndefined();
    expect(() => optionsFromEnv({ HEATLENS_METRICS_PORT: 'x' })).toThrow(
      new TypeError('HEATLENS_METRICS_PORT must be a number, got "x"'),
    );
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
