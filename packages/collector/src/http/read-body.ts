import type { IncomingMessage } from 'node:http';
import { HttpError } from '../edge/respond.js';

/** Past this, an oversized body is no longer drained for keep-alive: the connection is closed. */
const DRAIN_LIMIT = 1024 * 1024;
/** How often a body's progress is checked against its deadline and minimum rate. */
const CHECK_EVERY_MS = 250;

/** How long a body may take to arrive. */
export type BodyTiming = {
  /** the whole body must arrive within this many ms of the headers */
  timeoutMs: number;
  /**
   * after the first second, at least this many bytes per second on average; a body that falls
   * behind is cut before its deadline (a beacon arrives in one packet; only a stalling sender is slower)
   */
  minBytesPerSec: number;
};

// Reads in progress share one unref'd timer per check period instead of an interval each: a
// beacon's body is usually complete in the same tick, and a timer armed and cleared per write
// cost more than the check itself.
const watched = new Map<number, { checks: Set<() => void>; timer: NodeJS.Timeout }>();

/** Call `check` every `every` ms until the returned function is called. */
function watch(check: () => void, every: number): () => void {
  let group = watched.get(every);
  if (!group) {
    const checks = new Set<() => void>();
    const timer = setInterval(() => {
      // Idle for a whole period: the timer goes until the next read.
      if (checks.size === 0) {
        clearInterval(timer);
        watched.delete(every);
      }
      for (const c of checks) c();
    }, every);
    timer.unref();
    watched.set(every, (group = { checks, timer }));
  }
  const g = group;
  g.checks.add(check);
  return () => g.checks.delete(check);
}

/**
 * Read a request body of at most `limit` bytes, within `timing`. Over the limit it rejects with a
 * 413 HttpError: a body up to 1 MiB is drained first so the keep-alive connection stays usable; a
 * larger one (or a declared Content-Length past that) is left unread and the answer closes the
 * connection. A body slower than `timing` rejects with a 408 that closes the connection: a slow
 * sender holds one socket for at most `timeoutMs` and never a write slot.
 */
export function readBody(req: IncomingMessage, limit: number, timing: BodyTiming): Promise<Buffer> {
  const tooLarge = (close: boolean) =>
    new HttpError(413, `body: larger than ${limit} bytes`, close ? { Connection: 'close' } : {});
  if (Number(req.headers['content-length']) > DRAIN_LIMIT) return Promise.reject(tooLarge(true));
  if (req.complete && req.readableFlowing === null) return readParsed(req, limit, tooLarge);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stopChecks();
      req.off('data', onData);
    };
    const fail = (e: unknown) => {
      stop();
      req.pause();
      reject(e);
    };
    const check = () => {
      const ms = performance.now() - started;
      const behind = ms > 1000 && size < (timing.minBytesPerSec * (ms - 1000)) / 1000;
      if (ms >= timing.timeoutMs || behind) {
        fail(
          new HttpError(
            408,
            `body: not received within ${timing.timeoutMs} ms at ${timing.minBytesPerSec} bytes/s or more`,
            { Connection: 'close' },
          ),
        );
      }
    };
    const stopChecks = watch(check, Math.min(CHECK_EVERY_MS, timing.timeoutMs));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) fail(tooLarge(true));
      else if (size <= limit) chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      stop();
      if (size > limit) reject(tooLarge(false));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.once('error', fail);
    // A sender that hangs up mid-body settles at once instead of at its deadline.
    req.once('close', () => !req.complete && fail(new HttpError(400, 'body: connection closed before the body ended')));
  });
}

/**
 * The body of a request Node has parsed whole already (a beacon comes in one packet with its
 * headers, so by the time the handler reads it the parser has buffered all of it): taken from the
 * stream's buffer in one read, with no listeners, timer checks or chunk list.
 */
function readParsed(req: IncomingMessage, limit: number, tooLarge: (close: boolean) => HttpError): Promise<Buffer> {
  const size = req.readableLength;
  if (size > DRAIN_LIMIT) return Promise.reject(tooLarge(true));
  // Reading it all drains the request, so the keep-alive connection stays usable either way.
  const body = size > 0 ? (req.read() as Buffer | null) : null;
  if (size > limit) return Promise.reject(tooLarge(false));
  return Promise.resolve(body ?? Buffer.alloc(0));
}
