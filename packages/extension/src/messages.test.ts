import { describe, expect, it } from 'vitest';
import { parseBackgroundMessage } from './messages.js';

const settings = { kind: 'click', window: '1h', seg: 'm', opacity: 0.5, counts: true, radius: 16 };

describe('parseBackgroundMessage', () => {
  it('accepts every request the popup and content script send', () => {
    for (const m of [
      { type: 'overlay:get', tabId: 3 },
      { type: 'overlay:on', tabId: 3, site: 'demo', path: '/product/7', settings },
      { type: 'overlay:off', tabId: 3 },
      { type: 'page:navigated', path: '/product/8' },
      { type: 'overlay:awake' },
      { type: 'view:save', tabId: 3, name: 'Checkout 2026-12-07' },
    ]) {
      expect(parseBackgroundMessage(m)).toEqual({ ok: true, value: m });
    }
  });

  it.each([
    [null, /^type: unknown message type undefined/],
    [{ type: 'toString' }, /^type: unknown message type "toString"/],
    [{ type: 'overlay:steal-token' }, /^type: unknown/],
    [{ type: 'overlay:get', tabId: -1 }, /^tabId: /],
    [{ type: 'overlay:get', tabId: '3' }, /^tabId: /],
    [{ type: 'overlay:on', tabId: 3, site: 'bad site', path: '/', settings }, /^site: /],
    [{ type: 'overlay:on', tabId: 3, site: 'demo', path: 'relative', settings }, /^path: /],
    [
      { type: 'overlay:on', tabId: 3, site: 'demo', path: '/', settings: { ...settings, kind: 'hover' } },
      /^settings\.kind: /,
    ],
    [
      { type: 'overlay:on', tabId: 3, site: 'demo', path: '/', settings: { ...settings, opacity: 2 } },
      /^settings\.opacity: /,
    ],
    [
      { type: 'overlay:on', tabId: 3, site: 'demo', path: '/', settings: { ...settings, window: '2h' } },
      /^settings\.window: /,
    ],
    [{ type: 'page:navigated', path: `/${'x'.repeat(600)}` }, /^path: /],
    [{ type: 'view:save', tabId: 3, name: '' }, /^name: /],
    [{ type: 'view:save', tabId: 3, name: 'x'.repeat(121) }, /^name: /],
  ])('rejects %j and names the field', (input, error) => {
    const r = parseBackgroundMessage(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
