// POST /collect's handler on its own, driven by light-my-request's inject(): no socket, no server.
import { batch, SITES } from '@heatlens/testkit/collector';
import { inject } from 'light-my-request';
import { describe, expect, it } from 'vitest';
import { httpDeps } from '../test-support/http-deps.js';
import { createCollectHandler } from './collect.js';

const ORIGIN = 'https://shop.example';
const shop = SITES[0]!;

function handler() {
  const deps = httpDeps();
  return { deps, collect: createCollectHandler(deps) };
}
const post = (collect: ReturnType<typeof handler>['collect'], payload: string, headers: Record<string, string> = {}) =>
  inject(collect, {
    method: 'POST',
    url: '/collect',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, ...headers },
    payload,
  });

describe('createCollectHandler (inject)', () => {
  it('accepts a valid batch with 204 and CORS for its origin, and the store holds it', async () => {
    const { deps, collect } = handler();
    const res = await post(collect, JSON.stringify(batch({ path: '/a' })));
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const pages = await deps.store.pages({ site: shop.id, window: '5m', now: Date.now(), limit: 50 });
    expect(JSON.stringify(pages)).toContain('/a');
  });

  it.each([
    ['a body that is not JSON', '{"v":1,', {}, 400, 'invalid JSON'],
    [
      'a content type the SDK never sends',
      JSON.stringify(batch()),
      { 'content-type': 'image/png' },
      415,
      'content-type',
    ],
    ['a compressed body', JSON.stringify(batch()), { 'content-encoding': 'gzip' }, 415, 'content-encoding'],
    ['an unknown site', JSON.stringify(batch({ site: 'nope' })), {}, 403, 'unknown site'],
    ['a batch that fails the schema', JSON.stringify(batch({ v: 99 })), {}, 400, ''],
  ])('refuses %s with a clear error', async (_what, payload, headers, status, error) => {
    const { collect } = handler();
    const res = await post(collect, payload, headers);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toContain(error);
  });
});
