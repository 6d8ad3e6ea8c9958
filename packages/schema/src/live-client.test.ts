import { describe, expect, it } from 'vitest';
import { liveProtocols } from './constants.js';
import { liveUrl, typeFrame } from './live-client.js';

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
