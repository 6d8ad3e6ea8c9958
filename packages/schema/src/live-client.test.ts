import { describe, expect, it } from 'vitest';
import { liveProtocols } from './constants.js';
import { deltaFollower, liveUrl, typeFrame } from './live-client.js';
import type { DeltaMessage, SnapshotMessage } from './live.js';

describe('the /live client vocabulary', () => {
  it('offers the protocol, then the read token', () => {
    expect(liveProtocols('read-token-0123456789')).toEqual(['heatlens.v1', 'token.read-token-0123456789']);
  });
  it('resolves /live against a collector or page URL, ws for http and wss for https', () => {
    expect(liveUrl('http://127.0.0.1:8080/dashboard/#x', { site: 'demo', window: '1h' })).toBe(
      'ws://127.0.0.1:8080/live?site=demo&window=1h',
    );
    expect(liveUrl('https://h.example', { site: 'a' })).toBe('wss://h.example/live?site=a');
  });
  it('types frames without validating them, and refuses what is not a frame', () => {
    expect(typeFrame('{"type":"error","error":"x"}')).toEqual({ ok: true, value: { type: 'error', error: 'x' } });
    for (const text of ['not json', 'null', '[1]', '{"type":5}']) expect(typeFrame(text).ok).toBe(false);
  });
});

describe('a heatlens.v2 viewer (deltaFollower)', () => {
  const base = {
    type: 'snapshot',
    seq: 4,
    site: 'demo',
    path: '/',
    kind: 'move',
    seg: 'all',
    grid: 50,
    rowPx: 20,
    rows: 2,
    windowMs: 300_000,
    from: 0,
    to: 300_000,
    total: 1,
    max: 1,
    tiles: [[1, 1, 1]],
    fixed: [],
    stats: {},
  } as unknown as SnapshotMessage;
  const delta = (seq: number, tiles: number[]): DeltaMessage => ({
    type: 'delta',
    seq,
    windowMs: 300_000,
    from: seq,
    to: seq + 300_000,
    grid: 50,
    rowPx: 20,
    rows: 2,
    total: 2,
    max: 2,
    tiles,
    fixed: [],
  });

  it('applies deltas in sequence, and on a gap asks once to resync and drops deltas until the snapshot', () => {
    const sent: string[] = [];
    let clock = 0;
    const f = deltaFollower(
      (t) => sent.push(t),
      () => clock,
    );
    expect(f.delta(delta(1, []))).toBeNull(); // no state yet: resync
    expect(sent).toEqual(['{"type":"resync"}']);
    f.seen(base);
    expect(f.delta(delta(5, [1, 1, 2]))).toMatchObject({ seq: 5, tiles: [[1, 1, 2]], total: 2 });
    expect(f.delta(delta(7, []))).toBeNull(); // 6 went missing
    expect(f.delta(delta(8, []))).toBeNull();
    expect(sent.length).toBe(2); // asked once, not per delta
    clock += 5000;
    expect(f.delta(delta(9, []))).toBeNull();
    expect(sent.length).toBe(3); // unanswered for a while: asked again
    f.seen({ ...base, seq: 9 });
    expect(f.delta(delta(10, [0, 0, 3]))).toMatchObject({
      tiles: [
        [0, 0, 3],
        [1, 1, 1],
      ],
    });
    expect(f.delta(delta(11, [1, 1]))).toBeNull(); // malformed run: resync
    expect(sent.length).toBe(4);
  });
});
