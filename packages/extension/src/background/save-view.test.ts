import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.js';
import { saveView } from './save-view.js';

const config = { collectorUrl: 'https://c.example:8443', token: 'read-token' };
const state = {
  site: 'demo',
  path: '/product/:id',
  settings: { ...DEFAULT_SETTINGS, kind: 'click' as const, seg: 's' as const, window: '1h' as const },
};

afterEach(() => vi.unstubAllGlobals());

describe('saveView', () => {
  it("posts the overlay's map as JSON with the read token and resolves with the id", async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ id: 'demo.AAAAAAAAAAAAAAAAAAAAAA' }), { status: 201 }),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(saveView(config, state, 'Checkout 7 Dec')).resolves.toBe('demo.AAAAAAAAAAAAAAAAAAAAAA');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('https://c.example:8443/api/views');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ Authorization: 'Bearer read-token', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual({
      site: 'demo',
      path: '/product/:id',
      kind: 'click',
      seg: 's',
      window: '1h',
      name: 'Checkout 7 Dec',
    });
  });

  it("says why the collector refused, in the owner's words", async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'too many views' }), { status: 409 }));
    await expect(saveView(config, state, 'x')).rejects.toThrow(
      'The collector answered 409 to the view. too many views',
    );
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 401 }));
    await expect(saveView(config, state, 'x')).rejects.toThrow('refused the read token');
  });
});
