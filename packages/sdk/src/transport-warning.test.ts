import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransport } from './transport.js';
import { custom } from './test-support/fake-send.js';
import type { Send } from './lib/fetch-send.js';

// A refused batch (403 wrong origin or unknown site, 400 invalid) fails again on every retry: the
// SDK says why once, in the collector's words from its JSON body, instead of the browser's bare
// "403 (Forbidden)".

const refusing =
  (status: number, body: string | null): Send =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('the refusal warning', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the reason the collector gave, once per page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const body = JSON.stringify({ error: 'origin: http://localhost:8081 may not write to site "demo"' });
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send: refusing(403, body) });
    t.push(custom('a'));
    t.flush();
    t.push(custom('b'));
    t.flush();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(warn.mock.calls).toEqual([['heatlens: 403 origin: http://localhost:8081 may not write to site "demo"']]);
  });

  it('still warns with the status when the body is not JSON, and never throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send: refusing(400, 'nope') });
    t.push(custom('a'));
    t.flush();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('heatlens: 400'));
  });

  it('says nothing on 204 or on a retried 503', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const status of [204, 503]) {
      const t = createTransport({ endpoint: 'https://c.example', site: 'demo', send: refusing(status, null) });
      t.push(custom('a'));
      t.flush();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(warn).not.toHaveBeenCalled();
  });
});
