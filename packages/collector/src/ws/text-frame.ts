import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * A whole unmasked WebSocket text frame (RFC 6455 5.2: FIN, opcode 1, the payload's length in 7,
 * 16 or 64 bits, then the payload) in one Buffer: what a server writes for a text message, built
 * once per broadcast so every viewer's socket takes the same bytes in a single write.
 */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  payload.copy(frame, head);
  return frame;
}

/** The TCP socket under each /live WebSocket, kept from its upgrade (upgrade.ts). */
const wires = new WeakMap<WebSocket, Duplex>();

/** Remember the socket `ws` was upgraded on, so broadcasts can write frames to it whole. */
export function keepWire(ws: WebSocket, socket: Duplex): void {
  wires.set(ws, socket);
}

/**
 * Write a frame built by `textFrame` to the socket under `ws`; false when there is none to write to
 * (the caller sends through `ws`). /live sockets never compress and never send Blobs, so ws's
 * sender never holds frames back in a queue: a frame written here cannot overtake one sent before.
 * `ws.bufferedAmount` counts what waits in the socket, so the backlog checks see these bytes.
 */
export function writeFrame(ws: WebSocket, frame: Buffer): boolean {
  const wire = wires.get(ws);
  if (!wire || wire.destroyed || !wire.writable) return false;
  wire.write(frame);
  return true;
}
