import { describe, expect, it } from 'vitest';
import { newCaptureId, parseCaptureId } from './capture-id.js';

describe('capture ids', () => {
  it('name their site and page, and are never the same twice', () => {
    const a = newCaptureId('shop', '/product/:id');
    const b = newCaptureId('shop', '/product/:id');
    expect(a.id).not.toBe(b.id);
    expect(parseCaptureId(a.id)).toEqual({ site: 'shop', page: '/product/:id', key: a.key });
    const odd = newCaptureId('s', '/ü/a.b|c}{ ');
    expect(parseCaptureId(odd.id)).toEqual({ site: 's', page: '/ü/a.b|c}{ ', key: odd.key });
  });

  it.each([
    '',
    'shop',
    'shop..AAAAAAAAAAAAAAAA',
    'sh op.L2E.AAAAAAAAAAAAAAAA',
    'shop.L2E.AAAA',
    'shop.L2E.AAAAAAAAAAAAAAAA.x',
    'shop.L2E=.AAAAAAAAAAAAAAAA',
    'shop.L2F.AAAAAAAAAAAAAAAA', // decodes to '/a' with stray bits: not the canonical spelling
    'shop.__8.AAAAAAAAAAAAAAAA', // invalid UTF-8
    `shop.${'A'.repeat(5000)}.AAAAAAAAAAAAAAAA`,
  ])('refuses %j', (id) => {
    expect(parseCaptureId(id)).toBeUndefined();
  });
});
