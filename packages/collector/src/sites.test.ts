import { describe, expect, it } from 'vitest';
import type { SiteConfig } from './config.js';
import { createSiteRegistry } from './sites.js';
import { MAX_PATH, pageKey } from '@heatlens/schema';
const shop: SiteConfig = {
  id: 'shop',
  origins: ['https://shop.example'],
  readToken: 'shop-token-0123456789',
  routes: ['/product/:id', '/p/*'],
};
const blog: SiteConfig = { id: 'blog', origins: ['*'], readToken: 'blog-token-0123456789' };

describe('site registry', () => {
  it('finds sites by id', () => {
    const sites = createSiteRegistry([shop, blog]);
    expect(sites.get('shop')).toBe(shop);
    expect(sites.get('nope')).toBeUndefined();
    expect(sites.list()).toEqual([shop, blog]);
  });

  it('maps a path to the first matching route template, else to the path', () => {
    const sites = createSiteRegistry([shop, blog]);
    expect(sites.routeOf(shop, '/product/42')).toBe('/product/:id');
    expect(sites.routeOf(shop, '/p/a/b')).toBe('/p/*');
    expect(sites.routeOf(shop, '/product/42/reviews')).toBe('/product/42/reviews');
    expect(sites.routeOf(shop, '/cart')).toBe('/cart');
    // Another site's routes do not apply.
    expect(sites.routeOf(blog, '/product/42')).toBe('/product/42');
  });

  it('drops query and hash before matching, keeping at least /', () => {
    const sites = createSiteRegistry([shop]);
    expect(sites.routeOf(shop, '/product/42?ref=mail#top')).toBe('/product/:id');
    expect(sites.routeOf(shop, '/cart#x')).toBe('/cart');
    expect(sites.routeOf(shop, '/?utm=1')).toBe('/');
  });

  it('lets a read token see only the sites it belongs to', () => {
    const twin = { ...blog, id: 'twin' };
    const sites = createSiteRegistry([shop, blog, twin]);
    expect(sites.readableBy('shop-token-0123456789').map((s) => s.id)).toEqual(['shop']);
    expect(sites.readableBy('blog-token-0123456789').map((s) => s.id)).toEqual(['blog', 'twin']);
    expect(sites.readableBy('shop-token-012345678')).toEqual([]);
    expect(sites.readableBy('')).toEqual([]);
    expect(sites.readableBy(undefined)).toEqual([]);
  });

  it('allows an origin listed for the site, any origin for *, and none missing', () => {
    const sites = createSiteRegistry([shop, blog]);
    expect(sites.originAllowed(shop, 'https://shop.example')).toBe(true);
    expect(sites.originAllowed(shop, 'https://evil.example')).toBe(false);
    expect(sites.originAllowed(shop, undefined)).toBe(false);
    expect(sites.originAllowed(blog, 'https://anywhere.example')).toBe(true);
    expect(sites.originAllowed(blog, undefined)).toBe(true);
  });

  it('puts replaced sites in force at once: tokens, routes and ids', () => {
    const sites = createSiteRegistry([shop]);
    const rotated = { ...shop, readToken: 'rotated-token-0123456789', routes: ['/item/:id'] };
    sites.replace([rotated, blog]);
    expect(sites.readableBy('shop-token-0123456789')).toEqual([]);
    expect(sites.readableBy('rotated-token-0123456789').map((s) => s.id)).toEqual(['shop']);
    expect(sites.routeOf(rotated, '/product/1')).toBe('/product/1');
    expect(sites.routeOf(rotated, '/item/1')).toBe('/item/:id');
    expect(sites.get('blog')).toBe(blog);
  });
});

const keyed = { id: 'shop', origins: ['*'], readToken: 'r'.repeat(16), routes: ['/product/:id'] };
const keyedSites = createSiteRegistry([keyed]);

describe('keyedSites.routeOf', () => {
  it('keys a raw pathname as the read API asks for it: pageKey of the real path, query and hash dropped', () => {
    // A 546-char non-Latin pathname as an SDK sends it (cut only at MAX_SENT_URL).
    const raw = '/blog/' + encodeURIComponent('文'.repeat(60));
    const key = keyedSites.routeOf(keyed, raw);
    expect(key.length).toBeLessThanOrEqual(MAX_PATH);
    expect(key).toBe(pageKey(raw));
    // SDKs that keyed the path themselves land on the same page (pageKey is idempotent).
    expect(keyedSites.routeOf(keyed, pageKey(raw))).toBe(key);
    expect(keyedSites.routeOf(keyed, raw + '?q=1#h')).toBe(key);
    expect(keyedSites.routeOf(keyed, raw + 'x')).not.toBe(key);
  });

  it('applies route templates first, and NFC-normalises other paths', () => {
    expect(keyedSites.routeOf(keyed, '/product/42?ref=mail')).toBe('/product/:id');
    expect(keyedSites.routeOf(keyed, '/caf\u0065\u0301')).toBe('/caf\u00e9');
    expect(keyedSites.routeOf(keyed, '?x')).toBe('/');
  });
});
