import { describe, expect, it } from 'vitest';
import { originPattern, siteForUrl } from './api.js';

const sites = [
  { id: 'shop', origins: ['https://shop.example'] },
  { id: 'blog', origins: ['https://blog.example', 'http://localhost:4000'] },
];

describe('siteForUrl', () => {
  it('finds the site whose origins list the page origin', () => {
    expect(siteForUrl(sites, 'https://blog.example/post/1?x=1')?.id).toBe('blog');
    expect(siteForUrl(sites, 'http://localhost:4000/')?.id).toBe('blog');
  });
  it('refuses other origins, ports and schemes', () => {
    expect(siteForUrl(sites, 'https://evil.example/')).toBeNull();
    expect(siteForUrl(sites, 'http://localhost:4001/')).toBeNull();
    expect(siteForUrl(sites, 'http://shop.example/')).toBeNull();
    expect(siteForUrl(sites, undefined)).toBeNull();
    expect(siteForUrl(sites, 'not a url')).toBeNull();
  });
  it('takes a site open to any origin last, and never for browser pages', () => {
    const any = [...sites, { id: 'demo', origins: ['*'] }];
    expect(siteForUrl(any, 'https://shop.example/a')?.id).toBe('shop');
    expect(siteForUrl(any, 'http://127.0.0.1:5173/product/1')?.id).toBe('demo');
    expect(siteForUrl(any, 'chrome://extensions/')).toBeNull();
  });
});

describe('originPattern', () => {
  it('asks for the collector host on any port, as match patterns have no port', () => {
    expect(originPattern('http://127.0.0.1:8080/')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://heatlens.example.com')).toBe('https://heatlens.example.com/*');
  });

  it("turns a page URL with a port into the grant's pattern (Firefox rejects one with a port)", () => {
    expect(originPattern('http://127.0.0.1:44649/product/1?x=1#top')).toBe('http://127.0.0.1/*');
  });
});
