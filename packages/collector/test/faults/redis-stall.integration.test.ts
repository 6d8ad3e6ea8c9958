import { describe, expect, it } from 'vitest';
import { SITES, batch, get, post, statusOnceBack } from '@heatlens/testkit/collector';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { stallRig } from './stall-rig.js';

// Long enough that the deadline (about a second) answers well before it ends, even on a loaded machine.
const PAUSE_MS = 5000;
const TIMEOUT_MS = 300;

/**
 * A stalled Redis (CLIENT PAUSE) accepts commands and answers none. node-redis's command timeout
 * only covers commands still queued, not ones already written, so the store needs its own
 * deadline: without it every request would hang for the whole pause.
 */
describe.runIf(redisAvailable())('Redis stalled with CLIENT PAUSE', () => {
  const rig = stallRig({ commandTimeoutMs: TIMEOUT_MS });

  for (const mode of ['WRITE', 'ALL'] as const) {
    it(`turns a ${mode} pause into 503 + Retry-After while /healthz keeps answering, then recovers`, async () => {
      const { c, admin, probe } = rig;
      const path = `/during-${mode}`;
      expect((await post(c.url, batch({ path }))).status).toBe(204);
      await admin.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), mode]);
      // Redis itself says when the pause is over: a write sent now is answered only then. Every
      // assertion of "while paused" is an order of events against it, not a reading of the clock.
      let paused = true;
      const resumed = probe.set(`stall:${mode}`, '1').then(() => (paused = false));

      // These writes reach Redis and run when the pause ends, after their 503: the SDK's retries
      // of the same bodies must then be recognised, not counted again.
      const bodies = Array.from({ length: 20 }, () => batch({ path }));
      const writes = await Promise.all(bodies.map((b) => post(c.url, b)));
      // Answered before the pause ended: the deadline, not Redis, decided.
      expect(paused).toBe(true);
      for (const r of writes) {
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('2');
      }
      // The event loop is free: liveness and unrelated routes answer meanwhile.
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${c.url}/readyz`)).status).toBe(503);
      expect(paused).toBe(true);

      await resumed;
      const status = await statusOnceBack(() => post(c.url, batch({ path: `/after-${mode}` })), 204, 30);
      expect(status).toBe(204);
      for (const b of bodies) expect((await post(c.url, b)).status).toBe(204);
      const hm = await (await get(c.url, `/api/heatmap?site=shop&path=${path}&kind=move`, SITES[0]!.readToken)).json();
      expect(hm.total).toBe(21);
    });
  }
});
