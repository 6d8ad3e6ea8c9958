import { applyDelta, type FeedState, type SnapshotMessage, type Stats } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { PageFeed } from './feeds.js';
import { firstFrame, onViewerMessage, publish } from './page-frames.js';

/** A socket as the frames use it: state, buffer, send. */
function socket() {
  const sent: string[] = [];
  const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (s: string | Buffer) => sent.push(String(s)) };
  return { ws: ws as unknown as WebSocket, sent, frames: () => sent.map((s) => JSON.parse(s)) };
}

const stats = { views: 1 } as unknown as Stats;
function state(tiles: Array<[number, number, number]>, from: number): FeedState {
  return {
    site: 'demo',
    path: '/p',
    kind: 'move',
    seg: 'all',
    grid: 50,
    rowPx: 20,
    rows: 9,
    windowMs: 300_000,
    from,
    to: from + 300_000,
    total: tiles.reduce((n, t) => n + t[2], 0),
    max: Math.max(0, ...tiles.map((t) => t[2])),
    tiles,
    fixed: [],
    stats,
  };
}

function feedWith(...delta: boolean[]) {
  const feed: PageFeed = { kind: 'move', seg: 'all', sockets: new Set(), delta: new Set(), seq: 0 };
  const ready = new WeakSet<WebSocket>();
  const socks = delta.map((d) => {
    const s = socket();
    feed.sockets.add(s.ws);
    if (d) feed.delta.add(s.ws);
    ready.add(s.ws);
    return s;
  });
  return { feed, ready, socks };
}

describe('page feed frames', () => {
  it('sends v1 viewers full frames and v2 viewers numbered deltas that rebuild the same map', () => {
    const { feed, ready, socks } = feedWith(false, true);
    const [v1, v2] = socks as [ReturnType<typeof socket>, ReturnType<typeof socket>];
    publish(feed, state([[1, 1, 1]], 0), ready);
    // The first state goes to v2 viewers whole; the hub sends each joining socket its first frame.
    let held = JSON.parse(firstFrame(feed, v2.ws)!) as SnapshotMessage;
    expect(held).toMatchObject({ type: 'snapshot', seq: 0, tiles: [[1, 1, 1]] });
    expect(JSON.parse(firstFrame(feed, v1.ws)!).seq).toBeUndefined();
    v1.sent.length = 0;
    v2.sent.length = 0;
    publish(
      feed,
      state(
        [
          [1, 1, 2],
          [3, 4, 1],
        ],
        10,
      ),
      ready,
    );
    publish(feed, state([[3, 4, 1]], 20), ready);
    publish(feed, state([[3, 4, 1]], 20), ready); // nothing changed: no frame at all
    expect(v1.frames().map((f) => f.type)).toEqual(['snapshot', 'snapshot']);
    const deltas = v2.frames();
    expect(deltas.map((d) => [d.type, d.seq])).toEqual([
      ['delta', 1],
      ['delta', 2],
    ]);
    expect(deltas[1].tiles).toEqual([1, 1, 0]); // only what left
    for (const d of deltas) held = applyDelta(held, d);
    expect(held).toEqual({ ...v1.frames()[1], seq: 2 });
  });

  it('writes the v2 viewers their delta before the v1 viewers their full frame', () => {
    const { feed, ready, socks } = feedWith(false, true, false, true);
    const order: string[] = [];
    for (const s of socks) {
      const v2 = feed.delta.has(s.ws);
      (s.ws as unknown as { send: () => void }).send = () => order.push(v2 ? 'v2' : 'v1');
    }
    publish(feed, state([[1, 1, 1]], 0), ready);
    order.length = 0;
    publish(feed, state([[1, 1, 2]], 10), ready);
    expect(order).toEqual(['v2', 'v2', 'v1', 'v1']);
  });

  it('answers a v2 resync with the full frame, and ignores other messages and v1 sockets', () => {
    const { feed, ready, socks } = feedWith(false, true);
    const [v1, v2] = socks as [ReturnType<typeof socket>, ReturnType<typeof socket>];
    publish(feed, state([[1, 1, 1]], 0), ready);
    publish(feed, state([[1, 1, 5]], 10), ready);
    v2.sent.length = 0;
    for (const text of ['ping', '{"type":"nope"}', 'null', '{'])
      onViewerMessage(feed, v2.ws, Buffer.from(text), false, ready);
    onViewerMessage(feed, v2.ws, Buffer.from('{"type":"resync"}'), true, ready); // binary: not a resync
    onViewerMessage(feed, v1.ws, Buffer.from('{"type":"resync"}'), false, ready);
    expect(v2.sent).toEqual([]);
    expect(v1.sent.length).toBe(2); // the full frames of the two publishes, nothing for the resync
    onViewerMessage(feed, v2.ws, Buffer.from('{"type":"resync"}'), false, ready);
    expect(v2.frames()).toEqual([{ type: 'snapshot', seq: 1, ...state([[1, 1, 5]], 10) }]);
  });

  it('keeps a resync from a viewer that is behind on reading, or still waiting for its first frame', () => {
    const { feed, ready, socks } = feedWith(true);
    const v2 = socks[0]!;
    publish(feed, state([[1, 1, 1]], 0), ready);
    (v2.ws as { bufferedAmount: number }).bufferedAmount = 10 * 1024 * 1024;
    onViewerMessage(feed, v2.ws, Buffer.from('{"type":"resync"}'), false, ready);
    const waiting = socket();
    feed.sockets.add(waiting.ws);
    feed.delta.add(waiting.ws);
    onViewerMessage(feed, waiting.ws, Buffer.from('{"type":"resync"}'), false, ready);
    expect(v2.sent.length + waiting.sent.length).toBe(1); // only the first-state frame to v2
  });
});
