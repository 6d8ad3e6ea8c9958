import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { batch, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis } from '@heatlens/testkit/redis-server';
import { slowSender, stopAll } from '@heatlens/testkit/slow-sender';

// Scaled down from the defaults (10 s, 512 B/s) so the attack lasts seconds; the shape is the same.
const BODY_TIMEOUT_MS = 1500;

describe('slow bodies', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({
      bodyTimeoutMs: BODY_TIMEOUT_MS,
      bodyMinBytesPerSec: 0,
    });
  });
  afterAll(() => c.close());

  it('take no write slot: 260 senders of one byte per 300 ms leave a victim at 204, and are cut with 408', () =>
    attack(c));

  it.runIf(redisAvailable())('take no write slot on Redis either', async () => {
    const redis = await startRedis(['--save', '']);
    const onRedis = await startTestCollector({
      redisUrl: redis.url,
      bodyTimeoutMs: BODY_TIMEOUT_MS,
      bodyMinBytesPerSec: 0,
    });
    try {
      await attack(onRedis);
    } finally {
      await onRedis.close();
      await redis.stop();
    }
  });

  async function attack(c: Collector) {
    const attackers = Array.from({ length: 260 }, () => slowSender(c.url, 1000, 300));
    try {
      // Let every attacker's headers arrive: each is then waiting on its body.
      await new Promise((r) => setTimeout(r, 300));
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await post(c.url, batch({ path: '/victim' }))).status);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(statuses).toEqual(Array(20).fill(204));
      // Every slow sender is answered 408 and its connection closed, none waits for Node's own timeouts.
      await Promise.all(attackers.map((a) => a.closed));
      expect(new Set(attackers.map((a) => a.status()))).toEqual(new Set(['HTTP/1.1 408 Request Timeout']));
    } finally {
      stopAll(attackers);
    }
  }

  it('cut a body that falls behind the minimum rate before its deadline', async () => {
    const slow = await startTestCollector({
      bodyTimeoutMs: 60_000,
      bodyMinBytesPerSec: 100,
    });
    try {
      // 1 byte per 100 ms is 10 bytes/s: behind 100 bytes/s once the first second is over.
      const a = slowSender(slow.url, 1000, 100);
      await a.closed;
      expect(a.status()).toBe('HTTP/1.1 408 Request Timeout');
      expect((await post(slow.url, batch())).status).toBe(204);
    } finally {
      await slow.close();
    }
  });

  it('still reads a body sent in pieces at a normal pace', async () => {
    const body = JSON.stringify(batch({ path: '/pieces' }));
    const a = slowSender(c.url, Buffer.byteLength(body), 1_000_000);
    for (let i = 0; i < body.length; i += 64) {
      a.socket.write(body.slice(i, i + 64));
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise<void>((resolve) => {
      const check = setInterval(() => a.status() && (clearInterval(check), resolve()), 20);
    });
    expect(a.status()).toBe('HTTP/1.1 204 No Content');
    a.socket.destroy();
  });
});
