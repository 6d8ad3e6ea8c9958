import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { MAX_UPLOADS } from '../../src/http/captures.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, get } from '@heatlens/testkit/collector';
import { uploadCapture } from '@heatlens/testkit/captures';

const shop = SITES[0]!.readToken;

/** A capture upload whose headers arrive at once and whose body drips one byte per 100 ms. */
function slowUpload(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  let reply = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (reply += d));
  socket.on('error', () => {});
  socket.write(
    `POST /api/captures?site=shop&path=/ HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${shop}\r\n` +
      'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n',
  );
  const drip = setInterval(() => socket.writable && socket.write('x'), 100);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => clearInterval(drip));
  return { socket, closed, status: () => reply.split('\r\n')[0] };
}

// A capture body may take up to captureTimeoutMs, but a sender falling behind the minimum rate is
// cut first, and at most MAX_UPLOADS are read at once: slow senders cannot hold the collector.
describe('slow capture uploads', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ captureTimeoutMs: 3000, bodyMinBytesPerSec: 512 });
  });
  afterAll(() => c.close());

  it('cuts a slow upload with 408 and closes its connection', async () => {
    const s = slowUpload(c.url);
    await s.closed;
    expect(s.status()).toBe('HTTP/1.1 408 Request Timeout');
  });

  it(`reads at most ${MAX_UPLOADS} uploads at once: the next is told to retry, reads go on`, async () => {
    const slow = Array.from({ length: MAX_UPLOADS }, () => slowUpload(c.url));
    // every slow upload has its headers in (each holds a place) before the next one asks
    await expect
      .poll(async () => (await uploadCapture(c.url, { site: 'shop', path: '/', token: shop })).status)
      .toBe(503);
    const res = await uploadCapture(c.url, { site: 'shop', path: '/', token: shop });
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await get(c.url, '/api/captures?site=shop&path=/', shop)).status).toBe(200);
    await Promise.all(slow.map((s) => s.closed));
    expect(slow.map((s) => s.status())).toEqual(slow.map(() => 'HTTP/1.1 408 Request Timeout'));
    expect((await uploadCapture(c.url, { site: 'shop', path: '/', token: shop })).status).toBe(201);
  });
});
