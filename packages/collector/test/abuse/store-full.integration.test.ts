import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startOnStore } from '../../src/test-support/test-collector.js';
import { batch, post } from '@heatlens/testkit/collector';
import { SHARED_STORES, type SharedStore } from '@heatlens/testkit/shared-stores';

/** Every node of a store, as `redis://` URLs. */
const urlsOf = (s: SharedStore) => (s.redisUrl ? [s.redisUrl] : s.redisCluster!.map((h) => `redis://${h}`));

/** Set `maxmemory` (bytes; 0: none) with the `noeviction` policy on every node. */
async function setMaxMemory(s: SharedStore, bytes: number) {
  for (const url of urlsOf(s)) {
    const c = await createClient({ url }).connect();
    await c.configSet({ maxmemory: String(bytes), 'maxmemory-policy': 'noeviction' });
    c.destroy();
  }
}

/**
 * A Redis out of memory (`noeviction`) refuses every write but still answers PING: /readyz said
 * 200 while every batch got 503. Readiness is now a small write, so the balancer takes the
 * instance out of rotation; it comes back by itself once memory is there again.
 */
for (const kind of SHARED_STORES) {
  describe.runIf(kind.available())(`/readyz on ${kind.name} out of memory`, () => {
    let store: SharedStore;
    let c: Collector;
    beforeAll(async () => {
      store = await kind.start();
      c = await startOnStore(store);
    });
    afterAll(async () => {
      await c?.close();
      await store?.stop();
    });

    it('fails while the store refuses writes, and passes again when it takes them', async () => {
      expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
      await setMaxMemory(store, 1);
      try {
        expect((await post(c.url, batch({ path: '/full' }))).status).toBe(503);
        const ready = await fetch(`${c.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({ ok: false, error: 'store: unreachable or refusing writes' });
        expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
      } finally {
        await setMaxMemory(store, 0);
      }
      expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
      expect((await post(c.url, batch({ path: '/full' }))).status).toBe(204);
    });
  });
}
