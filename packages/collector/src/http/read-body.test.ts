import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../edge/respond.js';
import { readBody } from './read-body.js';

const LIMIT = 1000;
const TIMING = { timeoutMs: 5000, minBytesPerSec: 1 };

/** What the server saw of each request: whether Node had parsed it whole, and what readBody gave. */
type Seen = { complete: boolean; body?: string; status?: number };

describe('readBody', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      // Read after a turn of the event loop, as the collector does (its rate limit comes first).
      setImmediate(() => {
        const s: Seen = { complete: req.complete };
        seen.push(s);
        readBody(req, LIMIT, TIMING).then(
          (b) => {
            s.body = b.toString('utf8');
            res.writeHead(204).end();
          },
          (e: unknown) => {
            s.status = e instanceof HttpError ? e.status : 500;
            res.writeHead(s.status).end();
          },
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** POST `parts` (written `gapMs` apart) on `agent`; resolves to the status and socket reuse. */
  function post(agent: Agent, parts: string[], gapMs = 0) {
    return new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const length = parts.reduce((a, p) => a + Buffer.byteLength(p), 0);
      const req = request(url, { method: 'POST', agent, headers: { 'content-length': length } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      const write = (i: number) => {
        if (i === parts.length - 1) return req.end(parts[i]);
        req.write(parts[i]);
        setTimeout(() => write(i + 1), gapMs);
      };
      write(0);
    });
  }

  it('reads a body parsed whole with its headers, and one that arrives in parts, alike', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    seen.length = 0;
    expect((await post(agent, ['{"a":"één"}'])).status).toBe(204);
    expect((await post(agent, ['{"a":', '"één"}'], 50)).status).toBe(204);
    expect((await post(agent, [''])).status).toBe(204);
    agent.destroy();
    expect(seen).toEqual([
      { complete: true, body: '{"a":"één"}' },
      { complete: false, body: '{"a":"één"}' },
      { complete: true, body: '' },
    ]);
  });

  it('answers 413 past the limit either way and keeps the connection usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    seen.length = 0;
    const over = 'x'.repeat(LIMIT + 1);
    expect(await post(agent, [over])).toEqual({ status: 413, reused: false });
    expect(await post(agent, [over.slice(0, 10), over.slice(10)], 50)).toEqual({ status: 413, reused: true });
    expect(await post(agent, ['x'.repeat(LIMIT)])).toEqual({ status: 204, reused: true });
    agent.destroy();
    expect(seen.map((s) => [s.complete, s.status])).toEqual([
      [true, 413],
      [false, 413],
      [true, undefined],
    ]);
  });
});
