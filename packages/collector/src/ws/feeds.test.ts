import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_BUFFERED, broadcast } from './feeds.js';

const socket = (over: Partial<{ readyState: number; bufferedAmount: number }> = {}) => {
  const s = { OPEN: 1, readyState: 1, bufferedAmount: 0, sent: [] as string[], terminated: false, ...over };
  return Object.assign(s, {
    send: (p: string) => s.sent.push(p),
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

  it('skips a socket past MAX_BUFFERED unsent bytes for this frame, and ends one past 8 times that', () => {
    const [edge, behind, stuck] = [
      socket({ bufferedAmount: MAX_BUFFERED }),
      socket({ bufferedAmount: MAX_BUFFERED + 1 }),
      socket({ bufferedAmount: 8 * MAX_BUFFERED + 1 }),
    ];
    broadcast([edge, behind, stuck].map(asWs), 'f', new WeakSet([edge, behind, stuck].map(asWs)));
    expect([edge.sent.length, behind.sent.length, stuck.sent.length]).toEqual([1, 0, 0]);
    expect([behind.terminated, stuck.terminated]).toEqual([false, true]);
  });
});
