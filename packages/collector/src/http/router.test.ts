// The HTTP routes as one handler (createRouter), driven by light-my-request's inject(): no socket.
import { batch, SITES } from '@heatlens/testkit/collector';
import { inject } from 'light-my-request';
import { describe, expect, it } from 'vitest';
import { httpDeps } from '../test-support/http-deps.js';
import { createRouter } from './router.js';

const shop = SITES[0]!;
const auth = { authorization: `Bearer ${shop.readToken}` };

describe('createRouter (inject)', () => {
  it('answers /healthz, and 404 with a JSON error for an unknown route', async () => {
    const route = createRouter(httpDeps());
    expect((await inject(route, { url: '/healthz' })).json()).toEqual({ ok: true });
    const missing = await inject(route, { url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBeTruthy();
  });

  it('answers the SDK preflight of /collect with the write CORS headers', async () => {
    const route = createRouter(httpDeps());
    const res = await inject(route, {
      method: 'OPTIONS',
      url: '/collect',
      headers: { origin: 'https://shop.example' },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it("refuses a read without a token (401) or with another site's token (403)", async () => {
    const route = createRouter(httpDeps());
    expect((await inject(route, { url: '/api/pages?site=shop' })).statusCode).toBe(401);
    const other = { authorization: `Bearer ${SITES[1]!.readToken}` };
    expect((await inject(route, { url: '/api/pages?site=shop', headers: other })).statusCode).toBe(403);
  });

  it('answers a bad query field with 400 naming it', async () => {
    const route = createRouter(httpDeps());
    const res = await inject(route, { url: '/api/pages?site=shop&window=7y', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('window');
  });

  it('reads back what POST /collect wrote: the page is listed', async () => {
    const route = createRouter(httpDeps());
    const write = await inject(route, {
      method: 'POST',
      url: '/collect',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      payload: JSON.stringify(batch({ path: '/router-page' })),
    });
    expect(write.statusCode).toBe(204);
    const pages = await inject(route, { url: '/api/pages?site=shop&window=5m', headers: auth });
    expect(pages.statusCode).toBe(200);
    expect(pages.body).toContain('/router-page');
  });
});
