import { describe, expect, it } from 'vitest';
import { SITES, batch, get, post, statusOnceBack } from '@heatlens/testkit/collector';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { stallRig } from './stall-rig.js';

// Long enough that the read deadline answers well before it ends, even on a loaded machine.
const PAUSE_MS = 8000;
const READ_DEADLINE_MS = 300;
const READS = [
  '/api/pages?site=shop&limit=500',
  '/api/heatmap?site=shop&path=/&kind=move&window=30d',
  '/api/stats?site=shop&path=/&window=30d',
  '/api/captures?site=shop&path=/',
];

/**
 * Reads run on their own connection under `readDeadlineMs` for the whole read: on a stalled Redis
 * each read route answers 503 with Retry-After before the stall ends, never hangs.
 */
describe.runIf(redisAvailable())('reads on a stalled Redis', () => {
  const rig = stallRig({ rateLimits: false, readDeadlineMs: READ_DEADLINE_MS });

  it('answers each read route 503 with Retry-After within the pause, then serves again', async () => {
    const { c, admin, probe } = rig;
    expect((await post(c.url, batch())).status).toBe(204);
    await admin.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL']);
    let paused = true;
    const resumed = probe.get('stall').then(() => (paused = false));
    const answers = await Promise.all(READS.map((route) => get(c.url, route, SITES[0]!.readToken)));
    expect(paused).toBe(true);
    for (const r of answers) {
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('2');
    }
    await resumed;
    const status = await statusOnceBack(() => get(c.url, READS[0]!, SITES[0]!.readToken), 200, 30);
    expect(status).toBe(200);
  });
});
