import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, openLive } from '@heatlens/testkit/collector';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';

// A window past a site's retentionDays is a 400 naming it, on every route that takes a window;
// /api/sites says what each site keeps.
const TOKEN = 'retention-read-token-0123';
const SITES = [
  { id: 'shop', origins: ['https://shop.example'], readToken: TOKEN },
  { id: 'archive', origins: ['https://archive.example'], readToken: TOKEN, retentionDays: 100 },
];

describe('windows past a site retention', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ sites: SITES });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('lists each site retention in /api/sites', async () => {
    const r = await get(c.url, '/api/sites', TOKEN);
    expect((await r.json()).sites.map((s: { id: string; retentionDays: number }) => [s.id, s.retentionDays])).toEqual([
      ['shop', 30],
      ['archive', 100],
    ]);
  });

  it('answers 400 naming retentionDays and the value on heatmap, CSV, stats, pages and compare', async () => {
    const routes = [
      '/api/heatmap?site=S&path=/&window=W',
      '/api/heatmap?site=S&path=/&window=W&format=csv',
      '/api/stats?site=S&path=/&window=W',
      '/api/pages?site=S&window=W',
      '/api/heatmap?site=S&path=/&window=W&compare=previous',
    ];
    for (const route of routes) {
      const shop = await get(c.url, route.replace('S', 'shop').replace('W', '90d'), TOKEN);
      expect([shop.status, (await shop.json()).error], route).toEqual([
        400,
        'window: 90d is past the retention of site shop (retentionDays: 30); it keeps 5m, 1h, 24h, 30d',
      ]);
      const kept = await get(c.url, route.replace('S', 'archive').replace('W', '90d'), TOKEN);
      // compare=previous of the longest kept window has no previous period: its own 400
      if (!route.includes('compare')) expect(kept.status, route).toBe(200);
      const past = await get(c.url, route.replace('S', 'archive').replace('W', '365d'), TOKEN);
      expect([past.status, (await past.json()).error], route).toEqual([
        400,
        'window: 365d is past the retention of site archive (retentionDays: 100); it keeps 5m, 1h, 24h, 30d, 90d',
      ]);
    }
  });

  it('refuses a /live window and a link past the retention', async () => {
    await expect(openLive(c.url, 'site=shop&path=/&window=365d', TOKEN)).rejects.toThrow('upgrade refused: 400');
    const live = await openLive(c.url, 'site=archive&path=/&window=90d', TOKEN);
    live.ws.close();
    const share = await fetch(`${c.url}/api/shares`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'shop', path: '/', kind: 'move', seg: 'all', window: '90d' }),
    });
    expect([share.status, ((await share.json()) as { error?: string }).error]).toEqual([
      400,
      'window: 90d is past the retention of site shop (retentionDays: 30); it keeps 5m, 1h, 24h, 30d',
    ]);
  });
});
