import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.js';

/** Past this, an oversized body is no longer drained for keep-alive: the connection is closed. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * Read a request body of at most `limit` bytes. Over the limit it rejects with a 413 HttpError: a
 * body up to 1 MiB is drained first so the keep-alive connection stays usable; a larger one (or a
 * declared Content-Length past that) is left unread and the answer closes the connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = (close: boolean) => new HttpError(413, `body: larger than ${limit} bytes`, close ? { Connection: 'close' } : {});
  if (Number(req.headers['content-length']) > DRAIN_LIMIT) return Promise.reject(tooLarge(true));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(true));
      } else if (size <= limit) chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => (size > limit ? reject(tooLarge(false)) : resolve(Buffer.concat(chunks, size))));
    req.once('error', reject);
  });
}
