import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES } from '@heatlens/testkit/collector';

const READ_STATUSES = new Set([200, 400, 401, 403, 404, 405]);

/** Hostile query strings and tokens on the read routes: documented client errors, never 5xx. */
describe('fuzzing the read API', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ rateLimits: false });
  });
  afterAll(() => c.close());

  it('answers 2,000 random queries with documented statuses only', async () => {
    const value = fc.oneof(
      fc.constantFrom(
        'shop',
        'blog',
        '/',
        '/product/7',
        '(other)',
        '5m',
        '1h',
        '24h',
        '30d',
        'move',
        'click',
        'scroll',
        'all',
        's',
        'l',
        '50',
        '0',
        '-1',
        '1e9',
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'toString',
      ),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 600 }),
    );
    const query = fc.dictionary(
      fc.constantFrom('site', 'path', 'kind', 'window', 'seg', 'limit', '__proto__', 'x'),
      value,
      { maxKeys: 7 },
    );
    const token = fc.oneof(
      fc.constantFrom(SITES[0]!.readToken, SITES[1]!.readToken, '', 'x'.repeat(5000)),
      fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x21-\x7e]/g, '')),
    );
    const route = fc.constantFrom('/api/heatmap', '/api/stats', '/api/pages', '/api/sites', '/api/nope');
    await fc.assert(
      fc.asyncProperty(route, query, token, async (r, q, t) => {
        const res = await fetch(`${c.url}${r}?${new URLSearchParams(q)}`, {
          headers: t ? { authorization: `Bearer ${t}` } : {},
        });
        await res.arrayBuffer();
        return READ_STATUSES.has(res.status);
      }),
      { numRuns: 2000, seed: 20_261_124 },
    );
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
