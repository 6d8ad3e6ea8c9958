import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { foldBatch } from '../core/fold.js';
import { createMemoryStore } from './memory.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const T0 = Date.UTC(2026, 0, 1, 12);
const SESSIONS = 40_000;

/** Heap growth (bytes) of recording SESSIONS one-event batches whose session ids come from `sid`. */
async function record(sid: (i: number) => string) {
  const store = createMemoryStore();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < SESSIONS; i++) {
    const batch = {
      v: 1,
      id: `b${i}`,
      site: 'shop',
      sid: sid(i),
      path: '/',
      vw: 1280,
      sent: T0,
      events: [{ type: 'pageview', ts: T0, vh: 800 }],
    } as const;
    await store.record(foldBatch(batch as never, '/', T0, 50));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  const stats = await store.stats({ site: 'shop', page: '/', window: '5m', now: T0 });
  await store.close();
  return { grown, visitors: stats.visitors };
}

/**
 * The memory store counts visitors in bounded memory, as Redis does with a HyperLogLog: before,
 * it kept every session id of every bucket of every window (~30 MB per 40k sessions over 30 days).
 */
describe('memory store visitors', () => {
  it(`counts ${SESSIONS.toLocaleString('en')} sessions within 2 % and in bounded memory`, async () => {
    const one = await record(() => 'same-session');
    const many = await record((i) => `session-${i}-${(i * 7919) % 104729}`);
    expect(one.visitors).toBe(1);
    expect(Math.abs(many.visitors - SESSIONS) / SESSIONS).toBeLessThan(0.02);
    // What the distinct ids cost beyond the same traffic from one session: a few 16 KiB sketches.
    expect(many.grown - one.grown).toBeLessThan(1024 * 1024);
  });
});
