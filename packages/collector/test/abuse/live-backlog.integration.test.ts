import WebSocket from 'ws';
import { liveProtocols } from '@heatlens/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, batch, openLive, post } from '@heatlens/testkit/collector';

const shop = SITES[0]!;
const PAGE = '/busy';

/** A viewer that never reads a frame but sends a pong every 200 ms, so it always looks alive. */
async function neverReads(c: Collector) {
  const ws = new WebSocket(
    `${c.url.replace(/^http/, 'ws')}/live?site=shop&path=${PAGE}`,
    liveProtocols(shop.readToken),
  );
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  ws.on('error', () => {});
  const raw = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  raw.pause();
  const pongs = setInterval(() => ws.readyState === ws.OPEN && ws.pong(), 200);
  return { ws, stop: () => (clearInterval(pongs), ws.terminate()) };
}

/** A batch of 500 moves on distinct tiles (rows `row0`..`row0 + 9`): each frame of the page grows. */
function wideBatch(row0: number) {
  const now = Date.now();
  const events = Array.from({ length: 500 }, (_, i) => ({
    type: 'move',
    ts: now,
    x: (i % 50) * 20 + 5,
    y: (row0 + Math.floor(i / 50)) * 20 + 5,
    w: 1000,
    h: 200_000,
  }));
  return batch({ path: PAGE }, events);
}

const viewers = async (c: Collector) => {
  const m = /heatlens_live_viewers (\d+)/.exec(await (await fetch(`${c.url}/metrics`)).text());
  return Number(m?.[1]);
};

/**
 * Viewers that never read but answer pings held 1 MB of unsent frames each for good (200 of them:
 * RSS 78 -> 413 MB, all still open after 75 s). A socket whose backlog stays above MAX_BUFFERED
 * for STUCK_MS is now closed, whatever it answers to pings; a viewer that reads keeps its frames.
 */
describe('/live viewers that never read', () => {
  let c: Collector;
  beforeAll(async () => (c = await startTestCollector({ metrics: { cacheMs: 0 } })));
  afterAll(() => c.close());

  it('are closed while they answer pings, and the reading viewer and the writer carry on', async () => {
    const stuck = await Promise.all(Array.from({ length: 20 }, () => neverReads(c)));
    const reader = await openLive(c.url, `site=shop&path=${PAGE}`, shop.readToken);
    try {
      const statuses: number[] = [];
      // ~60 s at most (about 35 s here): frames change every hop until the kernel buffers are full; the
      // bucket tile bound caps how fast they grow.
      for (let i = 0; i < 600 && (await viewers(c)) > 1; i++) {
        statuses.push((await post(c.url, wideBatch((i * 10) % 4990))).status);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await viewers(c)).toBe(1);
      expect(statuses.every((s) => s === 204)).toBe(true);
      const frames = reader.frames.length;
      expect((await post(c.url, wideBatch(0))).status).toBe(204);
      await reader.next(() => true, 5000, frames);
      expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      stuck.forEach((s) => s.stop());
      reader.ws.close();
    }
  }, 120_000);
});
