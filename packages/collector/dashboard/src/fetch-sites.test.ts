// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSites, SitesError } from './fetch-sites.js';

const answer = (status: number, body: unknown = {}) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status }));
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof SitesError ? `${e.reason}: ${e.message}` : String(e)),
  );

describe('fetchSites', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks /api/sites with the token as a bearer and returns the sites', async () => {
    const fetch = answer(200, { sites: [{ id: 'shop', origins: ['https://shop.example'] }] });
    vi.stubGlobal('fetch', fetch);
    expect(await fetchSites('tok')).toEqual([{ id: 'shop', origins: ['https://shop.example'] }]);
    expect(fetch).toHaveBeenCalledWith('/api/sites', { headers: { Authorization: 'Bearer tok' } });
  });

  it('tells a refused token (401, 403) from a collector that is down (network, 5xx)', async () => {
    vi.stubGlobal('fetch', answer(401));
    expect(await reasonOf(fetchSites('t'))).toBe('unauthorized: That read token was not accepted.');
    vi.stubGlobal('fetch', answer(403));
    expect(await reasonOf(fetchSites('t'))).toBe('unauthorized: That read token was not accepted.');
    vi.stubGlobal('fetch', answer(503));
    expect(await reasonOf(fetchSites('t'))).toBe('unreachable: The collector answered 503. Try again in a moment.');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    expect(await reasonOf(fetchSites('t'))).toBe('unreachable: The collector cannot be reached. Is it running?');
  });

  it('reads an answer without a site list as no sites', async () => {
    vi.stubGlobal('fetch', answer(200, { sites: 'nope' }));
    expect(await fetchSites('t')).toEqual([]);
  });
});
