import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { resolveConfig } from '../config.js';
import { createMetrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { MAX_BUFFERED, type Subscription } from './feeds.js';
import { createLiveHub } from './live-hub.js';

// The hub's own logic, without a server or a store: a fake socket records what it is sent, a
// fake store counts its reads and hands out the change tag a test sets. The end-to-end path
// (upgrade, real store, real sockets) is ws/live.integration.test.ts.

const HOP_MS = 100;

/** A WebSocket as the hub uses it: state, buffer, send, ping, close and the events it listens to. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith?: [number, string];
  send(payload: string | Buffer) {
    this.sent.push(String(payload));
  }
  ping() {}
  terminate() {
    this.readyState = 3;
    this.emit('close');
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
    this.emit('close');
  }
  frames = () =>
    this.sent.map((s) => JSON.parse(s) as { type: string; kind?: string; tag?: string; n?: number; total?: number });
}

/**
 * A store whose change tag the test moves; every read is counted. A feed's window reads come as
 * changes (`changes`; `whole` of them read the window whole, as a first read does): one tile whose
 * count is n + 1.
 */
function fakeStore() {
  const reads = { advance: 0, stats: 0, snapshot: 0, changes: 0, whole: 0, pages: 0, watch: 0 };
  let tag = 'v1';
  let n = 0;
  const store = {
    async watch() {
      reads.watch++;
    },
    async advance() {
      reads.advance++;
      return tag;
    },
    async stats() {
      reads.stats++;
      return { n };
    },
    async snapshot(q: { kind: string; seg: string }) {
      reads.snapshot++;
      return { kind: q.kind, seg: q.seg, tag, n };
    },
    async windowChanges(_q: unknown, since?: string) {
      reads.changes++;
      if (!since) reads.whole++;
      return { full: !since, cursor: tag, members: [['0:0', n + 1]], from: 0, to: 0, windowMs: 0 };
    },
    async pages() {
      reads.pages++;
      return { pages: [], n };
    },
  };
  return {
    store: store as unknown as Store,
    reads,
    /** New events: the tag moves and the numbers change. */
    change() {
      n++;
      tag = `v${n + 1}`;
    },
  };
}

const page = (kind: 'move' | 'click' = 'move'): Subscription => ({
  site: 'shop',
  path: '/',
  kind,
  seg: 'all',
  window: '5m',
});
const asWs = (s: FakeSocket) => s as unknown as WebSocket;

describe('the live hub', () => {
  let fake: ReturnType<typeof fakeStore>;
  let hub: ReturnType<typeof createLiveHub>;
  let warn: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = fakeStore();
    warn = vi.fn();
    const config = resolveConfig({ hopMs: HOP_MS, liveLimits: { socketsPerToken: 3 } });
    hub = createLiveHub({ config, store: fake.store, metrics: createMetrics(), log: { warn } as unknown as Logger });
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  const open = async (sub: Subscription, token = 't') => {
    const ws = new FakeSocket();
    hub.add(asWs(ws), sub, token);
    await vi.advanceTimersByTimeAsync(0);
    return ws;
  };

  it('sends a new viewer the current frame at once, read once for every viewer of the same map', async () => {
    const a = await open(page());
    const b = await open(page());
    expect(a.frames()).toEqual([
      expect.objectContaining({
        type: 'snapshot',
        kind: 'move',
        seg: 'all',
        total: 1,
        tiles: [[0, 0, 1]],
        stats: { n: 0 },
      }),
    ]);
    expect(b.sent).toEqual(a.sent);
    expect(fake.reads).toMatchObject({ advance: 1, stats: 1, changes: 1, whole: 1, snapshot: 0 });
  });

  it('reads nothing on a hop whose change tag did not move, and sends nothing', async () => {
    const a = await open(page());
    await vi.advanceTimersByTimeAsync(HOP_MS * 5);
    expect(fake.reads).toMatchObject({ advance: 6, stats: 1, changes: 1 });
    expect(a.sent).toHaveLength(1);
  });

  it('when the tag moves, reads each (kind, segment) once and sends the same string to all its viewers', async () => {
    const [m1, m2, c1] = [await open(page()), await open(page()), await open(page('click'))];
    const before = { ...fake.reads };
    fake.change();
    await vi.advanceTimersByTimeAsync(HOP_MS);
    // One page window: one advance and one stats per hop; one read of changes per feed (move,
    // click), none of them whole: the window is kept from the last hop's.
    expect([
      fake.reads.advance - before.advance,
      fake.reads.stats - before.stats,
      fake.reads.changes - before.changes,
      fake.reads.whole - before.whole,
      fake.reads.snapshot,
    ]).toEqual([1, 1, 2, 0, 0]);
    expect(m1.frames().map((f) => f.total)).toEqual([1, 2]);
    expect(m2.sent).toEqual(m1.sent);
    expect(c1.frames().map((f) => [f.kind, f.total])).toEqual([
      ['click', 1],
      ['click', 2],
    ]);
  });

  it('skips a viewer with a full send buffer for a hop and drops one far behind', async () => {
    const [slow, stuck, fine] = [await open(page()), await open(page()), await open(page())];
    slow.bufferedAmount = MAX_BUFFERED + 1;
    stuck.bufferedAmount = 4 * MAX_BUFFERED + 1;
    fake.change();
    await vi.advanceTimersByTimeAsync(HOP_MS);
    expect([slow.sent.length, stuck.sent.length, fine.sent.length]).toEqual([1, 1, 2]);
    expect(stuck.readyState).toBe(3);
    expect(hub.viewers()).toBe(2);
  });

  it('forgets a feed when its last viewer leaves: the next viewer gets a fresh read', async () => {
    const a = await open(page());
    a.emit('close');
    expect(hub.viewers()).toBe(0);
    await open(page());
    expect(fake.reads).toMatchObject({ changes: 2, whole: 2 });
  });

  it('refuses a token past its socket bound with the bound in the message, and frees the place on close', async () => {
    const sockets = [await open(page()), await open(page()), await open(page())];
    expect(hub.refusal(page(), 't')).toBe('live: 3 sockets are open with this token');
    expect(hub.refusal(page(), 'other')).toBeUndefined();
    sockets[0]!.emit('close');
    expect(hub.refusal(page(), 't')).toBeUndefined();
  });

  it('sends the site pages table to its viewers, apart from the page feeds', async () => {
    const site = await open({ site: 'shop', window: '5m' });
    expect(site.frames()).toEqual([{ type: 'pages', pages: [], n: 0 }]);
    expect(fake.reads).toMatchObject({ pages: 1, changes: 0 });
  });

  it('closes with 1008 the viewers whose token may no longer read their site', async () => {
    const [kept, revoked] = [await open(page(), 'keep'), await open(page(), 'gone')];
    expect(hub.revoke((token) => token === 'keep')).toBe(1);
    expect(revoked.closedWith).toEqual([1008, 'read token revoked']);
    expect(kept.closedWith).toBeUndefined();
  });

  it('answers a store failure on the first frame with an error frame, and logs it', async () => {
    fake.store.advance = async () => {
      throw new Error('down');
    };
    const a = await open(page());
    expect(a.frames()).toEqual([{ type: 'error', error: 'store: unavailable, retrying' }]);
    expect(warn).toHaveBeenCalledOnce();
  });
});
