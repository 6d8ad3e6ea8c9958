import { MAX_PATH, pageKey } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { createSiteRegistry } from './sites.js';

const site = { id: 'shop', origins: ['*'], readToken: 'r'.repeat(16), routes: ['/product/:id'] };
const sites = createSiteRegistry([site]);

describe('sites.pageKey', () => {
  it('keys a raw pathname as the read API asks for it: pageKey of the real path, query and hash dropped', () => {
    // A 546-char non-Latin pathname as an SDK sends it (cut only at MAX_SENT_URL).
    const raw = '/blog/' + encodeURIComponent('文'.repeat(60));
    const key = sites.pageKey(site, raw);
    expect(key.length).toBeLessThanOrEqual(MAX_PATH);
    expect(key).toBe(pageKey(raw));
    // SDKs that keyed the path themselves land on the same page (pageKey is idempotent).
    expect(sites.pageKey(site, pageKey(raw))).toBe(key);
    expect(sites.pageKey(site, raw + '?q=1#h')).toBe(key);
    expect(sites.pageKey(site, raw + 'x')).not.toBe(key);
  });

  it('applies route templates first, and NFC-normalises other paths', () => {
    expect(sites.pageKey(site, '/product/42?ref=mail')).toBe('/product/:id');
    expect(sites.pageKey(site, '/caf\u0065\u0301')).toBe('/caf\u00e9');
    expect(sites.pageKey(site, '?x')).toBe('/');
  });
});
