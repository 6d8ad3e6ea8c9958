import { liveDeltaProtocols, type LiveMessage, type SnapshotMessage } from '@heatlens/schema';
import { openLive as openLiveClient } from '@heatlens/schema/live-client';
import { parseLiveMessage } from '@heatlens/schema/parse-live';
import { SITES, batch, openLive, post } from '@heatlens/testkit/collector';
import { SHARED_STORES, type SharedStoreKind } from '@heatlens/testkit/shared-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';

// heatlens.v2 over a real collector: a delta viewer (the schema's own client, as the extension and
// the dashboard run it) must hold exactly what a heatlens.v1 viewer of the same feed is sent, after
// random traffic, tiles leaving the window, and a resync.

const HOP_MS = 50;
const token = SITES[0]!.readToken;
const MEMORY: SharedStoreKind = {
  name: 'the memory store',
  available: () => true,
  start: async () => ({ stop: async () => {} }),
};

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Clicks at random places of a 1000 x 6000 page, some on listed elements, some on the fixed layer. */
function clicks(rand: () => number, n: number, ts: number) {
  return Array.from({ length: n }, () => {
    const e: Record<string, unknown> = {
      type: 'click',
      ts,
      x: Math.floor(rand() * 1000),
      y: Math.floor(rand() * 6000),
      w: 1000,
      h: 6000,
    };
    if (rand() < 0.3)
      Object.assign(e, { sel: ['a.buy', 'nav > a', '#cart'][Math.floor(rand() * 3)], ex: 0.5, ey: 0.5 });
    else if (rand() < 0.2)
      Object.assign(e, { fixed: true, cx: Math.floor(rand() * 1000), cy: Math.floor(rand() * 60) });
    return e;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `frames` has stopped growing for several hops (the feed is quiet). */
async function settle(frames: unknown[], timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (seen !== frames.length) {
    if (Date.now() > deadline) throw new Error('the feed never went quiet');
    seen = frames.length;
    await sleep(HOP_MS * 6);
  }
}

/** A full frame as a v1 viewer gets it: without the v2 sequence number. */
const withoutSeq = ({ seq: _seq, ...rest }: SnapshotMessage) => rest;

for (const store of [MEMORY, ...SHARED_STORES.slice(0, 1)]) {
  describe.runIf(store.available() || process.env.HEATLENS_REQUIRE_REDIS === '1')(
    `heatlens.v2 on ${store.name}`,
    () => {
      let c: Collector;
      let stop: () => Promise<void>;
      let offset = 0;
      beforeAll(async () => {
        const shared = await store.start();
        stop = shared.stop;
        c = await startTestCollector({ hopMs: HOP_MS, now: () => Date.now() + offset, redisUrl: shared.redisUrl });
      });
      afterAll(async () => {
        await c?.close();
        await stop?.();
      });

      it("a delta viewer's state equals the v1 viewer's full frame after random traffic, hops and fading", async () => {
        const path = '/delta-equal';
        const q = `site=shop&path=${path}&kind=click`;
        const v1 = await openLive(c.url, q, token);
        expect(v1.ws.protocol).toBe('heatlens.v1');
        const types: string[] = [];
        let state: SnapshotMessage | null = null;
        const v2 = openLiveClient({
          base: c.url,
          token,
          query: { site: 'shop', path, kind: 'click', window: '5m', seg: 'all' },
          deltas: true,
          WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
          keepAliveMs: 0,
          parse: (text) => {
            const parsed = parseLiveMessage(text);
            if (parsed.ok) types.push(parsed.value.type);
            return parsed;
          },
          onMessage: (m: LiveMessage) => {
            if (m.type === 'snapshot') state = m;
          },
        });
        try {
          await v1.next((f) => f.type === 'snapshot');
          const rand = random(30);
          for (let round = 0; round < 6; round++) {
            // Round 3 starts past the window: the first rounds' tiles leave it (deltas with count 0).
            if (round === 3) offset += 5 * 60_000 + 10_000;
            const now = Date.now() + offset;
            for (let b = 0; b < 3; b++)
              expect((await post(c.url, batch({ path, sent: now }, clicks(rand, 40, now)))).status).toBe(204);
            await settle(v1.frames);
            const held = state as SnapshotMessage | null;
            expect(held).not.toBeNull();
            // The v1 frame of the same hop (the window's end is the hop's clock).
            const same = v1.frames.find((f) => f.type === 'snapshot' && f.to === held!.to);
            expect(same, `round ${round}: no v1 frame of the delta viewer's hop`).toBeDefined();
            expect(withoutSeq(held!)).toEqual(same);
            expect(same).toEqual(v1.frames[v1.frames.length - 1]);
          }
          const last = v1.frames[v1.frames.length - 1]!;
          expect(last.tiles.length).toBeGreaterThan(50);
          // The delta viewer was sent one full frame, then only deltas; the v1 viewer only full frames.
          expect(types[0]).toBe('snapshot');
          expect(types.filter((t) => t === 'snapshot')).toHaveLength(1);
          expect(types.filter((t) => t === 'delta').length).toBeGreaterThan(3);
          expect(v1.frames.every((f) => f.type === 'snapshot' && f.seq === undefined)).toBe(true);
        } finally {
          v2.close();
          v1.ws.close();
        }
      });

      it('answers a resync with the full frame its deltas continue from', async () => {
        const path = '/delta-resync';
        const v1 = await openLive(c.url, `site=shop&path=${path}&kind=move`, token);
        const raw = new WebSocket(
          `${c.url.replace(/^http/, 'ws')}/live?site=shop&path=${path}&kind=move`,
          liveDeltaProtocols(token),
        );
        const frames: Array<Record<string, any>> = [];
        raw.on('message', (d) => frames.push(JSON.parse(String(d))));
        await new Promise((r, j) => (raw.once('open', r), raw.once('error', j)));
        try {
          expect(raw.protocol).toBe('heatlens.v2');
          const until = async (pred: (f: Record<string, any>) => boolean, from = 0) => {
            for (let i = 0; i < 100; i++) {
              const hit = frames.slice(from).find(pred);
              if (hit) return hit;
              await sleep(HOP_MS);
            }
            throw new Error(`no such frame: ${JSON.stringify(frames.map((f) => [f.type, f.seq]))}`);
          };
          const first = await until((f) => f.type === 'snapshot');
          const now = Date.now() + offset;
          await post(c.url, batch({ path, sent: now }, [{ type: 'move', ts: now, x: 10, y: 10, w: 1000, h: 1000 }]));
          // This delta is "lost": the viewer does not apply it and asks for the whole frame instead.
          const lost = await until((f) => f.type === 'delta');
          expect(lost.seq).toBe(first.seq + 1);
          await settle(frames);
          const seen = frames.length;
          raw.send('ping'); // not a resync: ignored
          raw.send(JSON.stringify({ type: 'resync' }));
          const full = await until((f) => f.type === 'snapshot', seen);
          expect(frames.length).toBe(seen + 1);
          expect(full.seq).toBe(frames.filter((f) => f.type === 'delta').at(-1)!.seq);
          expect(withoutSeq(full as SnapshotMessage)).toEqual(v1.frames.find((f) => f.to === full.to));
          expect(full.total).toBe(1);
        } finally {
          raw.close();
          v1.ws.close();
        }
      });
    },
  );
}
