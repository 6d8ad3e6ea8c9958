import { describe, expect, it } from 'vitest';
import { parseBatch } from './parse-batch.js';

const batch = (events: unknown[], over: Record<string, unknown> = {}) => ({
  v: 1,
  id: 'b1',
  site: 'demo',
  sid: 's1',
  path: '/',
  vw: 1280,
  sent: 1_700_000_000_000,
  events,
  ...over,
});
const move = { type: 'move', ts: 1_700_000_000_000, x: 10, y: 20, w: 1280, h: 4000 };

describe('parseBatch', () => {
  it('accepts a batch with every event type', () => {
    const ts = 1_700_000_000_000;
    const r = parseBatch(
      batch([
        {
          type: 'pageview',
          ts,
          vh: 800,
          ref: 'https://example.com/',
          lang: 'en',
          tz: 'Europe/Paris',
          sw: 1920,
          sh: 1080,
        },
        move,
        {
          type: 'click',
          ts,
          x: 1,
          y: 2,
          w: 3,
          h: 4,
          sel: 'button#buy',
          ex: 0.5,
          ey: 0.25,
          fixed: true,
          rage: true,
          dead: true,
        },
        { type: 'scroll', ts, depth: 42.5 },
        { type: 'form', ts, action: 'start', form: 'signup' },
        { type: 'media', ts, kind: 'video', action: 'p25', src: '/media/a.webm' },
        { type: 'download', ts, url: '/files/a.pdf' },
        { type: 'image_view', ts, src: '/img/a.png' },
        { type: 'outbound', ts, url: 'https://example.org/' },
        { type: 'engagement', ts, ms: 1500 },
        { type: 'custom', ts, name: 'add_to_cart' },
      ]),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.events).toHaveLength(11);
      expect(r.skipped).toBe(0);
    }
  });

  it('skips and counts unknown event types', () => {
    const r = parseBatch(batch([move, { type: 'future_thing', ts: 1 }, { type: 'another', whatever: [1] }]));
    expect(r).toMatchObject({ ok: true, skipped: 2 });
    if (r.ok) expect(r.value.events).toEqual([move]);
  });

  it.each([
    [batch([move], { v: 2 }), /^v: /],
    [batch([move], { site: 'bad site!' }), /^site: /],
    [batch([move], { path: 'no-slash' }), /^path: /],
    [batch([move], { id: 'x'.repeat(37) }), /^id: /],
    [batch([]), /^events: /],
    [batch(Array(501).fill(move)), /^events: /],
    [batch([move, { ...move, x: -1 }]), /^events\[1\]\.x: /],
    [batch([{ ...move, w: 0 }]), /^events\[0\]\.w: /],
    [batch([{ type: 'scroll', ts: 1, depth: 101 }]), /^events\[0\]\.depth: /],
    [batch([{ type: 'click', ts: 1, x: 1, y: 1, w: 1, h: 1, sel: 'x'.repeat(257) }]), /^events\[0\]\.sel: /],
    [batch([{ type: 'form', ts: 1, action: 'typed' }]), /^events\[0\]\.action: /],
    [batch([{ type: 'move', ts: 1, x: 1, y: 1, w: 1 }]), /^events\[0\]\.h: /],
    [null, /^body: /],
    ['text', /^body: /],
  ])('rejects %# and names the field', (input, error) => {
    const r = parseBatch(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('rejects non-finite and huge numbers', () => {
    expect(parseBatch(batch([{ ...move, x: 1e300 }])).ok).toBe(false);
    expect(parseBatch(batch([move], { sent: Number.NaN })).ok).toBe(false);
  });

  it('does not let __proto__ keys reach Object.prototype', () => {
    const input = JSON.parse(
      `{"v":1,"id":"b","site":"demo","sid":"s","path":"/","vw":1,"sent":1,"events":[{"type":"move","ts":1,"x":1,` +
        `"y":1,"w":1,"h":1,"__proto__":{"polluted":1}}],"__proto__":{"polluted":2}}`,
    );
    expect(parseBatch(input).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
