import { request, type IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, batch, openLive, post } from '@heatlens/testkit/collector';

const [shop, blog] = [SITES[0]!, SITES[1]!];

/**
 * Open /live sockets are bounded per read token (sockets and distinct pages) and per process;
 * past a bound the upgrade is answered 429 before any handshake, and a closed socket frees its
 * place. Before the bounds, one token could hold 10,000 sockets on distinct paths.
 */
describe('/live subscription bounds', () => {
  let c: Collector;
  const open: WebSocket[] = [];
  const live = async (query: string, token = shop.readToken) => {
    const l = await openLive(c.url, query, token);
    open.push(l.ws);
    return l.ws;
  };
  const closeAll = async () => {
    await Promise.all(open.splice(0).map((ws) => new Promise((r) => (ws.once('close', r), ws.close()))));
    // The server side's close handler runs once the close handshake is done.
    await new Promise((r) => setTimeout(r, 50));
  };
  beforeAll(async () => {
    c = await startTestCollector({
      liveLimits: { socketsPerToken: 4, pathsPerToken: 3, sockets: 6, paths: 4 },
    });
  });
  afterAll(async () => {
    await closeAll();
    await c.close();
  });

  it('refuses distinct pages past the per-token bound, while pages already watched stay open to it', async () => {
    for (const p of ['/a', '/b', '/c']) await live(`site=shop&path=${p}`);
    await expect(live('site=shop&path=/d')).rejects.toThrow('upgrade refused: 429');
    await live('site=shop&path=/a');
    await closeAll();
  });

  it('refuses sockets past the per-token bound, and frees a place when one closes', async () => {
    for (let i = 0; i < 4; i++) await live('site=shop&path=/same');
    await expect(live('site=shop&path=/same')).rejects.toThrow('upgrade refused: 429');
    // Another token is not held back by this one.
    await live('site=blog&path=/same', blog.readToken);
    const first = open.shift()!;
    await new Promise((r) => (first.once('close', r), first.close()));
    await new Promise((r) => setTimeout(r, 50));
    await live('site=shop&path=/same');
    await closeAll();
  });

  it('refuses past the per-process bounds on sockets and watched pages, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await live(`site=shop&path=/p${i}`);
    await live('site=blog&path=/q0', blog.readToken);
    // Four pages are watched: a fifth is refused to anyone.
    await expect(live('site=blog&path=/q1', blog.readToken)).rejects.toThrow('upgrade refused: 429');
    await live('site=blog&path=/q0', blog.readToken);
    await live('site=blog', blog.readToken);
    // Six sockets are open: the seventh is refused, even on a watched page.
    const refused = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(`${c.url}/live?site=blog&path=/q0`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-protocol': `heatlens.v1, token.${blog.readToken}`,
        },
      });
      req.once('response', resolve);
      req.once('upgrade', () => reject(new Error('upgraded')));
      req.once('error', reject);
      req.end();
    });
    refused.resume();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    // Writes go on meanwhile.
    expect((await post(c.url, batch({ path: '/p0' }))).status).toBe(204);
    await closeAll();
  });
});
