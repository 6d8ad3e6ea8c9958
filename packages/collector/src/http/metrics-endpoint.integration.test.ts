import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { batch, post } from '@heatlens/testkit/collector';

const TOKEN = 'metrics-token-0123456789';

describe('/metrics', () => {
  let c: Collector;
  let apart: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ metrics: { token: TOKEN, cacheMs: 60_000 } });
    apart = await startTestCollector({ metrics: { port: 0 } });
  });
  afterAll(async () => {
    await c.close();
    await apart.close();
  });

  it('asks for its token when one is set, before any render', async () => {
    expect((await fetch(`${c.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${c.url}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await fetch(`${c.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('heatlens_http_requests_total');
  });

  it('serves one render per cache period to every scrape', async () => {
    const scrape = async () =>
      (await fetch(`${c.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const first = await scrape();
    expect((await post(c.url, batch())).status).toBe(204);
    // The batch is counted, but the render of this period is the one served.
    expect(await scrape()).toBe(first);
  });

  it('moves to its own listener when a metrics port is set', async () => {
    expect((await fetch(`${apart.url}/metrics`)).status).toBe(404);
    expect(apart.metricsPort).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${apart.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('heatlens_batches_total');
    expect((await fetch(`http://127.0.0.1:${apart.metricsPort}/collect`)).status).toBe(404);
  });
});
