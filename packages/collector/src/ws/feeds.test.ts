import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_BUFFERED, STUCK_MS, broadcast, stuck } from './feeds.js';

const socket = (over: Partial<{ readyState: number; bufferedAmount: number }> = {}) => {
  const s = { OPEN: 1, readyState: 1, bufferedAmount: 0, sent: [] as string[], terminated: false, ...over };
  const raw: Array<[unknown, unknown]> = [];
  return Object.assign(s, {
    raw,
    send: (p: string | Buffer, opts?: unknown) => {
      raw.push([p, opts]);
      s.sent.push(String(p));
    },
    terminate: () => (s.terminated = true),
  });
};
const asWs = (s: ReturnType<typeof socket>) => s as unknown as WebSocket;

describe('broadcast', () => {
  it('sends the frame to ready open sockets, never to one still waiting for its first frame or closing', () => {
    const [ready, fresh, closing] = [socket(), socket(), socket({ readyState: 2 })];
    broadcast([ready, fresh, closing].map(asWs), 'f', new WeakSet([asWs(ready), asWs(closing)]));
    expect([ready.sent, fresh.sent, closing.sent]).toEqual([['f'], [], []]);
  });

  it('encodes a frame once: every socket gets the same Buffer, sent as uncompressed text', () => {
    const sockets = [socket(), socket(), socket()];
    broadcast(sockets.map(asWs), '{"type":"snapshot","é":1}', new WeakSet(sockets.map(asWs)));
    const [first, opts] = sockets[0]!.raw[0]!;
    expect(Buffer.isBuffer(first)).toBe(true);
    expect(String(first)).toBe('{"type":"snapshot","é":1}');
    expect(opts).toEqual({ binary: false, compress: false });
    for (const s of sockets) expect(s.raw[0]![0]).toBe(first);
  });

  it('closes a socket that stays past MAX_BUFFERED for STUCK_MS, and forgives one that catches up', () => {
    const [slow, stays] = [socket({ bufferedAmount: MAX_BUFFERED + 1 }), socket({ bufferedAmount: MAX_BUFFERED + 1 })];
    const all = new WeakSet([slow, stays].map(asWs));
    broadcast([slow, stays].map(asWs), 'f', all, 1000);
    slow.bufferedAmount = 0;
    broadcast([slow, stays].map(asWs), 'g', all, 1000 + STUCK_MS - 1);
    slow.bufferedAmount = MAX_BUFFERED + 1;
    broadcast([slow, stays].map(asWs), 'h', all, 1000 + STUCK_MS);
    expect([slow.sent, stays.sent]).toEqual([['g'], []]);
    expect([slow.terminated, stays.terminated]).toEqual([false, true]);
    expect(stuck(asWs(slow), 1000 + 2 * STUCK_MS - 1)).toBe(false);
  });

  it('skips a socket past MAX_BUFFERED unsent bytes for this frame, and ends one past 4 times that', () => {
    const [edge, behind, gone] = [
      socket({ bufferedAmount: MAX_BUFFERED }),
      socket({ bufferedAmount: MAX_BUFFERED + 1 }),
      socket({ bufferedAmount: 4 * MAX_BUFFERED + 1 }),
    ];
    broadcast([edge, behind, gone].map(asWs), 'f', new WeakSet([edge, behind, gone].map(asWs)));
    expect([edge.sent.length, behind.sent.length, gone.sent.length]).toEqual([1, 0, 0]);
    expect([behind.terminated, gone.terminated]).toEqual([false, true]);
  });
});
