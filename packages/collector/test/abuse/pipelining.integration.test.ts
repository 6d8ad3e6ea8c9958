import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, batch, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

const shop = SITES[0]!;

/** A socket that writes `count` pipelined requests at once and never reads an answer. */
function pipeliner(c: Collector, request: string, count: number) {
  const s = connect(c.port, '127.0.0.1');
  s.pause();
  const closed = new Promise<void>((r) => s.once('close', () => r()));
  s.on('error', () => {});
  s.write(request.repeat(count));
  return { socket: s, closed };
}

/** The victim: a batch every 50 ms from another connection while the attack runs. */
async function victim(c: Collector, n = 20) {
  const statuses: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    statuses.push((await post(c.url, batch({ path: '/victim' }))).status);
    ms.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { statuses, ms };
}

const metricText = async (c: Collector) => (await fetch(`${c.url}/metrics`)).text();

async function metricsCount(c: Collector) {
  const text = await metricText(c);
  const m = /heatlens_http_requests_total\{route="\/metrics",status="200"\} (\d+)/.exec(text);
  return Number(m?.[1] ?? 0);
}

/**
 * Pipelined requests: Node emits every request of one read at once (nodejs/node#50850), so four
 * sockets pipelining thousands of GET /metrics that they never read started thousands of renders
 * and stalled the victim for 13-25 s. Now each connection has one request in progress, the rest
 * wait in order on a paused socket, and a connection queueing more than 256 is closed.
 */
describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('pipelined requests on %s', (_name, onRedis) => {
  let c: Collector;
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    if (onRedis) redis = await startRedis(['--save', '']);
    c = await startTestCollector({ redisUrl: redis?.url });
  });
  afterAll(async () => {
    await c.close();
    await redis?.stop();
  });

  it.runIf(!onRedis || redisAvailable())(
    'four sockets pipelining 2,000 GET /metrics each are cut, and the victim keeps its 204s',
    async () => {
      const before = await metricsCount(c);
      const attackers = Array.from({ length: 4 }, () => pipeliner(c, 'GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n', 2000));
      try {
        const v = await victim(c);
        expect(v.statuses).toEqual(Array(20).fill(204));
        // At most the first request of each read and the queue bound were ever rendered, not 8,000.
        expect((await metricsCount(c)) - before).toBeLessThan(4 * 260);
        // Each attacker was cut: reading now, it finds the end of its connection.
        attackers.forEach((a) => a.socket.resume());
        await Promise.all(attackers.map((a) => a.closed));
        expect(await metricText(c)).toMatch(/heatlens_http_pipeline_cut_total [4-9]/);
      } finally {
        attackers.forEach((a) => a.socket.destroy());
      }
    },
  );

  it.runIf(!onRedis || redisAvailable())(
    'heavy reads pipelined below the queue bound run one at a time per socket while the victim writes',
    async () => {
      const get =
        'GET /api/pages?site=shop&limit=500 HTTP/1.1\r\nHost: x\r\n' +
        `Authorization: Bearer ${shop.readToken}\r\n\r\n`;
      const attackers = Array.from({ length: 4 }, () => pipeliner(c, get, 200));
      try {
        const v = await victim(c);
        expect(v.statuses).toEqual(Array(20).fill(204));
      } finally {
        attackers.forEach((a) => a.socket.destroy());
      }
    },
  );
});

describe('pipelining clients that read', () => {
  let c: Collector;
  beforeAll(async () => (c = await startTestCollector()));
  afterAll(() => c.close());

  it('get every answer, in order', async () => {
    const s: Socket = connect(c.port, '127.0.0.1');
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (text += d));
    const paths = Array.from({ length: 30 }, (_, i) => (i % 2 ? '/healthz' : `/nope${i}`));
    s.write(paths.map((p) => `GET ${p} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''));
    await expect.poll(() => text.match(/HTTP\/1\.1 /g)?.length ?? 0).toBe(30);
    s.destroy();
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual(paths.map((p) => (p === '/healthz' ? 200 : 404)));
  });
});
