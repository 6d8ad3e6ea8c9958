import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config.js';
import type { Collector } from '../server.js';
import { startFleet } from '../test-support/test-collector.js';
import { batch, post } from '@heatlens/testkit/collector';
import { SHARED_STORES, type SharedStore, type SharedStoreKind } from '@heatlens/testkit/shared-stores';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';

let seq = 0;
/** A visitor of its own rage-clicking `#pay` on `/cart` `n` times at `now`. */
const rage = (now: number, n: number) =>
  batch(
    { path: '/cart', sid: `s${++seq}`, sent: now },
    Array.from({ length: n }, () => ({
      type: 'click',
      ts: now,
      x: 10,
      y: 10,
      w: 1280,
      h: 3000,
      sel: '#pay',
      rage: true,
    })),
  );

/**
 * Three collectors on one store evaluate the same rules on the same windows, each every 30 ms:
 * the webhook still hears each notice once, because the shared alert state lets one of them open
 * (and later close) each alert.
 */
function describeFleet(store: SharedStoreKind) {
  describe.runIf(store.available())(`alerts from three collectors on ${store.name}`, () => {
    let backend: SharedStore;
    let fleet: Collector[];
    let receiver: WebhookReceiver;
    let offset = 0;
    const now = () => Date.now() + offset;
    beforeAll(async () => {
      backend = await store.start();
      receiver = await startWebhookReceiver();
      const sites: SiteConfig[] = [
        {
          id: 'shop',
          origins: ['*'],
          readToken: 'shop-read-token-0123456789',
          alerts: { webhook: receiver.url, allowPrivateWebhook: true },
        },
      ];
      fleet = await startFleet(backend, 3, { sites, now, rateLimits: false, alerts: { evalMs: 30 } });
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

for (const store of SHARED_STORES) describeFleet(store);
