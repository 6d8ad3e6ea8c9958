import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES } from '@heatlens/testkit/collector';

const token = SITES[0]!.readToken;
const SEED = 20_261_124;

/**
 * Write raw bytes to the collector's port and read the status line it answers with (0 when it
 * closes without one); `then` may keep writing on the socket after a 101.
 */
function raw(
  port: number,
  request: Buffer | string,
  then?: (write: (b: Buffer) => void) => void,
  waitMs = 150,
): Promise<number> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let head = '';
    let status = 0;
    const done = () => {
      s.destroy();
      resolve(status);
    };
    // No answer yet to an incomplete request is fine: the server waits for the rest (headersTimeout).
    // A complete upgrade gets a longer wait: on a busy machine its 101 can take longer than 150 ms.
    s.setTimeout(waitMs, done);
    s.on('error', done);
    s.on('close', done);
    s.on('data', (d) => {
      if (status) return;
      head += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!m) return;
      status = Number(m[1]);
      if (status === 101 && then) {
        then((b) => s.write(b));
        setTimeout(done, 20);
      } else done();
    });
    s.write(request);
  });
}

const upgrade = (o: { path?: string; key?: string; version?: string; protocols?: string; extra?: string } = {}) =>
  `GET ${o.path ?? `/live?site=shop&path=/`} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
  `Upgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${o.key ?? randomBytes(16).toString('base64')}\r\n` +
  `Sec-WebSocket-Version: ${o.version ?? '13'}\r\n` +
  `Sec-WebSocket-Protocol: ${o.protocols ?? `heatlens.v1, token.${token}`}\r\n${o.extra ?? ''}\r\n`;

/** Hostile upgrade requests and frames: the collector refuses or closes, never crashes or 5xxs. */
describe('fuzzing /live', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ hopMs: 50 });
  });
  afterAll(() => c.close());

  it('accepts the well-formed upgrade this harness sends (the fuzzers below start from it)', async () => {
    expect(await raw(c.port, upgrade(), undefined, 2000)).toBe(101);
  });

  it('answers malformed upgrade requests with 101 or a 4xx, never 5xx', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ''));
    const field = (valid: string) => fc.oneof(fc.constant(valid), text, fc.constant(''));
    const request = fc.oneof(
      fc
        .record({
          path: field('/live?site=shop&path=/').chain((p) =>
            fc.constantFrom(p, `/live?site=${p}`, `/live?site=shop&path=${p}&kind=${p}&window=${p}&seg=${p}`),
          ),
          key: field(randomBytes(16).toString('base64')),
          version: field('13'),
          protocols: field(`heatlens.v1, token.${token}`),
          extra: fc.constantFrom(
            '',
            'Origin: https://evil.example\r\n',
            'Origin: null\r\n',
            'Sec-WebSocket-Extensions: permessage-deflate; x=1\r\n',
            'Content-Length: 5\r\n',
            'Transfer-Encoding: chunked\r\n',
          ),
        })
        .map(upgrade),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc.string({ unit: 'binary', maxLength: 400 }).map((s) => `GET /live HTTP/1.1\r\n${s}\r\n\r\n`),
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const status = await raw(c.port, r);
        return status === 0 || status === 101 || (status >= 400 && status < 500);
      }),
      { numRuns: 500, seed: SEED },
    );
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('survives garbage frames on an open feed: it closes or ignores them', async () => {
    // Client frames must be masked; these are random bytes, random (maybe unmasked) headers,
    // oversized lengths and reserved opcodes.
    const frame = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 200 }))
        .map(([a, b, rest]) => Buffer.concat([Buffer.from([a, b]), Buffer.from(rest)])),
      fc.constantFrom(
        Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), // 2^63-byte text frame
        Buffer.from([0x81, 0xfe, 0xff, 0xff, 0, 0, 0, 0]), // 64 KiB, past maxPayload
        Buffer.from([0x83, 0x80, 0, 0, 0, 0]), // reserved opcode
        Buffer.from([0x09, 0x80, 0, 0, 0, 0]), // fragmented ping
        Buffer.from([0x81, 0x03, 0x61, 0x62, 0x63]), // unmasked
        Buffer.from([0x81, 0x82, 1, 2, 3, 4, 0xc3 ^ 1, 0x28 ^ 2]), // invalid UTF-8 text
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
        const status = await raw(c.port, upgrade(), (write) => frames.forEach(write), 2000);
        return status === 101;
      }),
      { numRuns: 300, seed: SEED },
    );
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
