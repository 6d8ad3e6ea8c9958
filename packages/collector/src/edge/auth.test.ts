import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config.js';
import { createSiteRegistry } from '../sites.js';
import { authorizeRead, readToken } from './auth.js';
import { HttpError } from './respond.js';

const shop: SiteConfig = { id: 'shop', origins: ['*'], readToken: 'shop-token-0123456789' };
const blog: SiteConfig = { id: 'blog', origins: ['*'], readToken: 'blog-token-0123456789' };
const sites = createSiteRegistry([shop, blog]);
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** What authorizeRead answers: the site's id, or the status and message it throws. */
const answer = (headers: Record<string, string>, site: string | null) => {
  try {
    return authorizeRead(sites, headers, site).id;
  } catch (e) {
    if (e instanceof HttpError) return `${e.status} ${e.message}`;
    throw e;
  }
};

describe('readToken', () => {
  it('reads a bearer token, else the token.<t> WebSocket subprotocol, else none', () => {
    expect(readToken(bearer(' abc '))).toBe('abc');
    expect(readToken({ 'sec-websocket-protocol': 'heatlens.v1, token.abc' })).toBe('abc');
    expect(readToken({ authorization: 'Basic eDp5', 'sec-websocket-protocol': 'heatlens.v1' })).toBeUndefined();
    expect(readToken({})).toBeUndefined();
  });
});

describe('authorizeRead', () => {
  it('gives a token its own site and only that', () => {
    expect(answer(bearer(shop.readToken), 'shop')).toBe('shop');
    expect(answer(bearer(shop.readToken), 'blog')).toBe('403 site: this token may not read "blog"');
    expect(answer(bearer(shop.readToken), 'nope')).toBe('403 site: this token may not read "nope"');
  });

  it('asks for a token before anything else (401 with a Bearer challenge), then for the site', () => {
    expect(answer({}, 'shop')).toBe('401 authorization: a valid read token is required');
    expect(answer(bearer('wrong-token-0123456789'), null)).toBe('401 authorization: a valid read token is required');
    expect(answer(bearer(shop.readToken), null)).toBe('400 site: required');
    try {
      authorizeRead(sites, {}, 'shop');
    } catch (e) {
      expect((e as HttpError).headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    }
  });
});
