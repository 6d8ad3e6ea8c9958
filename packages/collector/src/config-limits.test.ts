import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_LIMITS, resolveConfig } from './config.js';

describe('limit options', () => {
  it('default to the documented values', () => {
    const c = resolveConfig({});
    expect([c.bodyTimeoutMs, c.bodyMinBytesPerSec, c.writeDeadlineMs, c.maxInFlight]).toEqual([10_000, 512, 1000, 256]);
    expect(c.liveLimits).toEqual(DEFAULT_LIVE_LIMITS);
    expect(resolveConfig({ liveLimits: { sockets: 10 } }).liveLimits).toEqual({ ...DEFAULT_LIVE_LIMITS, sockets: 10 });
  });

  it('refuse values that would turn a bound off, naming the option', () => {
    expect(() => resolveConfig({ bodyTimeoutMs: 0 })).toThrow(new TypeError('bodyTimeoutMs must be a positive number'));
    expect(() => resolveConfig({ writeDeadlineMs: -1 })).toThrow(
      new TypeError('writeDeadlineMs must be a positive number'),
    );
    expect(() => resolveConfig({ bodyMinBytesPerSec: Number.NaN })).toThrow(
      new TypeError('bodyMinBytesPerSec must be a number >= 0'),
    );
    expect(() => resolveConfig({ liveLimits: { pathsPerToken: 1.5 } })).toThrow(
      new TypeError('liveLimits.pathsPerToken must be a positive integer'),
    );
    expect(() => resolveConfig({ rateLimits: { syncMs: 0 } })).toThrow(
      new TypeError('rateLimits.syncMs must be a positive number'),
    );
  });
});
