import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { fuzzCollect } from '@heatlens/testkit/fuzz-collect';

/** Own keys of Object.prototype before any hostile input: pollution would add or replace one. */
const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe('fuzzing POST /collect', () => {
  let c: Collector;
  const before = protoKeys();
  beforeAll(async () => {
    // Limits off: every body must reach the parser, not a 429 in front of it.
    c = await startTestCollector({ rateLimits: false });
  });
  afterAll(() => c.close());

  it('answers 10,000 random, mutated and hostile bodies with documented statuses only', async () => {
    const report = await fuzzCollect(c.url, { runs: 10_000 });
    expect(report.failure).toBeUndefined();
    expect(report.runs).toBe(10_000);
    // The mix reaches every edge: accepted, invalid, forbidden, too large, wrong type.
    for (const s of ['204', '400', '403', '413', '415'])
      expect(report.statuses[s], JSON.stringify(report.statuses)).toBeGreaterThan(0);
    expect(protoKeys()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
