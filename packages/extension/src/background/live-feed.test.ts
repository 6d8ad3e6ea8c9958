import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotFixture } from '@heatlens/testkit/snapshot';
import { liveUrl } from '@heatlens/schema/live-client';
import { createLiveFeed, type LiveQuery } from './live-feed.js';

/** A WebSocket stand-in: records every connection; tests open, drop and feed it by hand. */
class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  receive(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  close() {
    this.readyState = 3;
  }
  sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
}

const query: LiveQuery = { site: 'demo', path: '/product/7', kind: 'move', window: '5m', seg: 'l' };
const feedWith = (over: Partial<Parameters<typeof createLiveFeed>[0]> = {}) => {
  const snapshots: unknown[] = [];
  const statuses: string[] = [];
  const feed = createLiveFeed({
    collectorUrl: 'http://127.0.0.1:8080',
    token: 'read-token-0123456789',
    query,
    onSnapshot: (s) => snapshots.push(s),
    onStatus: (s, detail) => statuses.push(detail ? `${s}: ${detail}` : s),
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    ...over,
  });
  return { feed, snapshots, statuses };
};
const latest = () => FakeSocket.all.at(-1)!;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("liveUrl (schema) with the feed's query", () => {
  it('speaks ws to http collectors and wss to https ones, with the query', () => {
    expect(liveUrl('http://127.0.0.1:8080', query)).toBe(
      'ws://127.0.0.1:8080/live?site=demo&path=%2Fproduct%2F7&kind=move&window=5m&seg=l',
    );
    expect(liveUrl('https://h.example/', query)).toMatch(/^wss:\/\/h\.example\/live\?/);
  });
});

describe('createLiveFeed', () => {
  it('asks for deltas (heatlens.v2, else v1) and authenticates with token.<token>', async () => {
    feedWith();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().protocols).toEqual(['heatlens.v2', 'heatlens.v1', 'token.read-token-0123456789']);
    expect(latest().url).toContain('/live?site=demo');
  });

  it('passes valid snapshots on and drops frames that fail the schema', async () => {
    const { snapshots, statuses } = feedWith();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().receive(JSON.stringify(snapshotFixture()));
    latest().receive('{"type":"snapshot","tiles":"all of them"}');
    latest().receive('not json');
    latest().receive(JSON.stringify({ type: 'error', error: 'forbidden' }));
    expect(snapshots).toEqual([snapshotFixture()]);
    expect(statuses[0]).toBe('connecting');
    expect(statuses[1]).toBe('live');
    expect(statuses.slice(2)).toEqual([
      expect.stringMatching(/^error: frame/),
      'error: frame: invalid JSON',
      'error: forbidden',
    ]);
  });

  it('applies deltas to the last snapshot, and asks to resync on a gap', async () => {
    const { snapshots } = feedWith();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    const first = { ...snapshotFixture(), seq: 3 };
    latest().receive(JSON.stringify(first));
    const delta = (seq: number, tiles: number[]) => ({
      type: 'delta',
      seq,
      windowMs: first.windowMs,
      from: first.from + seq,
      to: first.to + seq,
      grid: first.grid,
      rowPx: first.rowPx,
      rows: first.rows,
      total: first.total,
      max: first.max,
      tiles,
      fixed: [],
    });
    latest().receive(JSON.stringify(delta(4, [])));
    expect(snapshots).toEqual([first, { ...first, seq: 4, from: first.from + 4, to: first.to + 4 }]);
    latest().receive(JSON.stringify(delta(6, [])));
    expect(snapshots).toHaveLength(2);
    expect(latest().sent).toEqual(['{"type":"resync"}']);
  });

  it('reconnects with exponential backoff, capped, while the collector is down', async () => {
    feedWith({ minDelayMs: 250, maxDelayMs: 1_000, growFactor: 2 });
    await vi.advanceTimersByTimeAsync(0);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = FakeSocket.all.length;
      latest().drop();
      let waited = 0;
      while (FakeSocket.all.length === before) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([250, 500, 1_000, 1_000, 1_000]);
  });

  it('resets the backoff once a connection has stayed up', async () => {
    feedWith({ minDelayMs: 250, growFactor: 2 });
    await vi.advanceTimersByTimeAsync(0);
    latest().drop();
    await vi.advanceTimersByTimeAsync(250);
    latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(3);
    latest().open();
    await vi.advanceTimersByTimeAsync(2_000);
    latest().drop();
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('resubscribes at once when the page changes, and only then', async () => {
    const { feed } = feedWith();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    feed.update({ ...query });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);
    feed.update({ ...query, path: '/product/8' });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().url).toContain('path=%2Fproduct%2F8');
    expect(FakeSocket.all[0]!.readyState).toBe(3);
  });

  it('keeps the service worker awake with a small message every 20 s, only while open', async () => {
    const { feed } = feedWith();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(latest().sent).toEqual([]); // not open yet: nothing queued for later either
    latest().open();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(latest().sent).toEqual(['ping', 'ping']);
    feed.close();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(latest().sent).toHaveLength(2);
  });

  it('stops reconnecting once closed', async () => {
    const { feed } = feedWith();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    feed.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().readyState).toBe(3);
  });
});
