import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config.js';
import { startCollector, type Collector } from '../server.js';
import { post } from '@heatlens/testkit/collector';
import { redisClusterAvailable, startRedisCluster } from '@heatlens/testkit/redis-cluster';
import { redisAvailable, startRedis } from '@heatlens/testkit/redis-server';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';

type Backend = { redisUrl?: string; redisCluster?: string[]; stop(): Promise<void> };

let seq = 0;
const rage = (now: number, n: number) => ({
  v: 1,
  id: `f${++seq}-${now}`,
  site: 'shop',
  sid: `s${seq}`,
  path: '/cart',
  vw: 1280,
  sent: now,
  events: Array.from({ length: n }, () => ({
    type: 'click',
    ts: now,
    x: 10,
    y: 10,
    w: 1280,
    h: 3000,
    sel: '#pay',
    rage: true,
  })),
});

/**
 * Three collectors on one store evaluate the same rules on the same windows, each every 30 ms:
 * the webhook still hears each notice once, because the shared alert state lets one of them open
 * (and later close) each alert.
 */
function describeFleet(name: string, available: () => boolean, start: () => Promise<Backend>) {
  describe.runIf(available())(`alerts from three collectors on ${name}`, () => {
    let backend: Backend;
    let fleet: Collector[];
    let receiver: WebhookReceiver;
    let offset = 0;
    const now = () => Date.now() + offset;
    beforeAll(async () => {
      backend = await start();
      receiver = await startWebhookReceiver();
      const sites: SiteConfig[] = [
        { id: 'shop', origins: ['*'], readToken: 'shop-read-token-0123456789', alerts: { webhook: receiver.url } },
      ];
      const opts = {
        port: 0,
        logLevel: 'silent',
        sites,
        now,
        rateLimits: false as const,
        redisUrl: backend.redisUrl,
        redisCluster: backend.redisCluster,
        alerts: { evalMs: 30 },
      };
      fleet = await Promise.all([1, 2, 3].map(() => startCollector(opts)));
    });
    afterAll(async () => {
      await Promise.all(fleet?.map((c) => c.close()) ?? []);
      await receiver?.close();
      await backend?.stop();
    });

    it('sends the firing and the resolved notice once', async () => {
      await Promise.all(fleet.map((c) => post(c.url, rage(now(), 2), 'https://shop.example')));
      await receiver.until(() => receiver.received.length > 0);
      // Every collector evaluates a few more times with the alert firing.
      for (let i = 0; i < 3; i++) await Promise.all(fleet.map((c) => c.alerts.tick()));
      expect(receiver.received.map((a) => [a.id, a.state, a.figures.count])).toEqual([
        ['rage|/cart|#pay', 'firing', 6],
      ]);
      for (const c of fleet) expect(c.alerts.latest('shop')?.firing.map((a) => a.id)).toEqual(['rage|/cart|#pay']);

      offset += 300_000;
      await receiver.until(() => receiver.received.length > 1);
      for (let i = 0; i < 3; i++) await Promise.all(fleet.map((c) => c.alerts.tick()));
      expect(receiver.received.map((a) => a.state)).toEqual(['firing', 'resolved']);
      const fired = await Promise.all(
        fleet.map(async (c) =>
          /heatlens_alerts_fired_total\{rule="rage"\} 1/.test(await (await fetch(`${c.url}/metrics`)).text()),
        ),
      );
      expect(fired.filter(Boolean)).toHaveLength(1);
    });
  });
}

describeFleet('one Redis', redisAvailable, async () => {
  const r = await startRedis();
  return { redisUrl: r.url, stop: r.stop };
});
describeFleet('a Redis Cluster', redisClusterAvailable, async () => {
  const c = await startRedisCluster();
  return { redisCluster: c.seeds, stop: c.stop };
});
