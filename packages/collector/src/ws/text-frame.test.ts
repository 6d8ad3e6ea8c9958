import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { keepWire, textFrame, writeFrame } from './text-frame.js';

type Receiver = {
  on(event: 'message', fn: (data: Buffer, binary: boolean) => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
  write(chunk: Buffer): void;
};
// ws's frame parser (exported by ws, not described by its types).
const { Receiver } = createRequire(import.meta.url)('ws') as {
  Receiver: new (o: { isServer: boolean }) => Receiver;
};

/** The messages ws's own receiver reads from `bytes` (a client reading the collector's frames). */
function decode(bytes: Buffer): Array<{ text: string; binary: boolean }> {
  const out: Array<{ text: string; binary: boolean }> = [];
  const receiver = new Receiver({ isServer: false });
  receiver.on('message', (data: Buffer, binary: boolean) => out.push({ text: data.toString(), binary }));
  receiver.on('error', (e) => out.push({ text: `error: ${e.message}`, binary: true }));
  receiver.write(bytes);
  return out;
}

describe('textFrame', () => {
  it('frames text of every length class so a WebSocket client reads it back as one text message', () => {
    for (const n of [0, 1, 125, 126, 65_535, 65_536, 200_000]) {
      const text = 'é'.repeat(n >> 1) + 'x'.repeat(n & 1); // UTF-8: n bytes
      const frame = textFrame(Buffer.from(text));
      expect(frame.length - Buffer.byteLength(text)).toBe(n < 126 ? 2 : n < 65_536 ? 4 : 10);
      expect(decode(frame)).toEqual([{ text, binary: false }]);
    }
  });

  it('writes a frame to the socket kept for a WebSocket, and only while it is writable', () => {
    const wire = new PassThrough();
    const chunks: Buffer[] = [];
    wire.on('data', (c: Buffer) => chunks.push(c));
    const ws = {} as WebSocket;
    const frame = textFrame(Buffer.from('{"type":"delta"}'));
    expect(writeFrame(ws, frame)).toBe(false); // no wire known: the caller sends through ws
    keepWire(ws, wire);
    expect(writeFrame(ws, frame)).toBe(true);
    expect(writeFrame(ws, frame)).toBe(true);
    expect(decode(Buffer.concat(chunks)).map((m) => m.text)).toEqual(['{"type":"delta"}', '{"type":"delta"}']);
    wire.destroy();
    expect(writeFrame(ws, frame)).toBe(false);
  });
});
