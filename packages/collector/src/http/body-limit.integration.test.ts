import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { batch } from '@heatlens/testkit/collector';

/** POST a body on a one-socket keep-alive agent; tells whether the socket was reused. */
function postOn(agent: Agent, url: string, body: Buffer | string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; reused: boolean; body: string }>((resolve, reject) => {
    const req = request(
      `${url}/collect`,
      { method: 'POST', agent, headers: { 'content-type': 'text/plain', origin: 'https://shop.example', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('body limits on one keep-alive connection', () => {
  let c: Collector;
  let agent: Agent;
  beforeAll(async () => {
    c = await startTestCollector();
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterAll(async () => {
    agent.destroy();
    await c.close();
  });

  it('accepts 64 KiB, answers 413 one byte more, and keeps serving on the same socket', async () => {
    const base = JSON.stringify(batch());
    // JSON allows trailing whitespace: pad a valid batch to an exact size.
    const sized = (n: number) => base + ' '.repeat(n - Buffer.byteLength(base));
    expect((await postOn(agent, c.url, sized(64 * 1024))).status).toBe(204);
    const over = await postOn(agent, c.url, sized(64 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(over.reused).toBe(true);
    const after = await postOn(agent, c.url, JSON.stringify(batch()));
    expect(after.status).toBe(204);
    expect(after.reused).toBe(true);
  });

  it('refuses a gzip bomb unread (415): compressed bodies are not accepted', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in ~64 KiB
    const res = await postOn(agent, c.url, bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body).error).toMatch(/content-encoding/);
    expect((await postOn(agent, c.url, JSON.stringify(batch()))).status).toBe(204);
  });
});
