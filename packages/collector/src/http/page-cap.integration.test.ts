import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';

describe('the page cap over HTTP', () => {
  let c: Collector;
  const token = SITES[0]!.readToken;
  beforeAll(async () => {
    c = await startTestCollector({ maxPagesPerSite: 2 });
  });
  afterAll(() => c.close());

  it('accepts batches past the cap under (other), which reads like any page', async () => {
    for (const path of ['/a', '/b', '/random-1', '/random-2', '/a'])
      expect((await post(c.url, batch({ path }))).status).toBe(204);
    const pages = await (await get(c.url, '/api/pages?site=shop', token)).json();
    expect(pages.pages.map((p: { path: string; events: number }) => [p.path, p.events])).toEqual([
      ['(other)', 2],
      ['/a', 2],
      ['/b', 1],
    ]);
    const other = await (
      await get(c.url, `/api/heatmap?site=shop&path=${encodeURIComponent('(other)')}`, token)
    ).json();
    expect(other).toMatchObject({ path: '(other)', total: 2 });
    expect((await get(c.url, '/api/heatmap?site=shop&path=other', token)).status).toBe(400);
  });

  it('rejects a cap that is not a positive integer', async () => {
    await expect(startCollector({ port: 0, logLevel: 'silent', maxPagesPerSite: 0 })).rejects.toThrow(
      'maxPagesPerSite must be a positive integer',
    );
  });
});
