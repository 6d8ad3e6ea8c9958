import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import {
  imageType,
  parseCaptureMeta,
  type CaptureImageType,
  type CaptureLimits,
  type CaptureMeta,
} from '@heatlens/schema';
import { HttpError } from '../edge/respond.js';
import type { BodyTiming } from './read-body.js';

/** A capture upload as read from its multipart body. */
export type CaptureUpload = { meta: CaptureMeta; type: CaptureImageType; image: Buffer };

/** Bytes of multipart framing (boundaries, part headers) allowed on top of the meta and the image. */
const FRAMING_BYTES = 16 * 1024;
/** Bytes of an image needed to tell its type (WebP: 12). */
const SIGNATURE_BYTES = 12;
/** How often the body's progress is checked against its deadline and minimum rate. */
const CHECK_EVERY_MS = 250;

const closing = { Connection: 'close' };

/**
 * Read a `POST /api/captures` body: multipart/form-data (busboy) with one `meta` field (JSON,
 * checked by the schema's `parseCaptureMeta`) and one `image` file (PNG, JPEG or WebP by its first
 * bytes). Rejects with an HttpError: 415 not multipart or not an image (seen in the first 12
 * bytes, the rest is not read), 413 an image past `imageBytes` or a meta past `metaBytes` (reading
 * stops there: nothing past the limit is buffered), 400 a missing, repeated or unknown part, bad
 * JSON or a bad meta (naming the field), a malformed or truncated body, 408 a body slower than
 * `timing`. Every rejection but 400/415 for a body read whole closes the connection.
 */
export function readCapture(req: IncomingMessage, limits: CaptureLimits, timing: BodyTiming): Promise<CaptureUpload> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    return Promise.reject(new HttpError(415, 'content-type: multipart/form-data expected', closing));
  const most = limits.imageBytes + limits.metaBytes + FRAMING_BYTES;
  if (Number(req.headers['content-length']) > most)
    return Promise.reject(new HttpError(413, `body: larger than ${most} bytes`, closing));
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: req.headers,
      limits: {
        fieldNameSize: 64,
        fieldSize: limits.metaBytes,
        fields: 1,
        files: 1,
        fileSize: limits.imageBytes,
        headerPairs: 16,
      },
    });
  } catch (e) {
    return Promise.reject(new HttpError(415, `content-type: ${(e as Error).message}`, closing));
  }
  const started = performance.now();
  return new Promise<CaptureUpload>((resolve, reject) => {
    let meta: CaptureMeta | undefined;
    let image: { type: CaptureImageType; chunks: Buffer[]; size: number; done: boolean } | undefined;
    let settled = false;
    let received = 0;
    const onData = (chunk: Buffer) => (received += chunk.length);
    const stop = () => {
      settled = true;
      clearInterval(timer);
      req.off('data', onData);
      req.unpipe(bb);
      bb.removeAllListeners();
      bb.on('error', () => {}); // busboy may still report the cut body: nobody listens any more
    };
    const fail = (e: HttpError) => {
      if (settled) return;
      stop();
      req.pause();
      reject(e);
    };
    const timer = setInterval(
      () => {
        const ms = performance.now() - started;
        const behind = ms > 1000 && received < (timing.minBytesPerSec * (ms - 1000)) / 1000;
        if (ms >= timing.timeoutMs || behind)
          fail(
            new HttpError(
              408,
              `body: not received within ${timing.timeoutMs} ms at ${timing.minBytesPerSec} bytes/s or more`,
              closing,
            ),
          );
      },
      Math.min(CHECK_EVERY_MS, timing.timeoutMs),
    );
    timer.unref();

    bb.on('field', (name, value, info) => {
      if (name !== 'meta') return fail(new HttpError(400, `${name.slice(0, 64)}: unknown field (meta and image only)`));
      if (info.valueTruncated) return fail(new HttpError(413, `meta: larger than ${limits.metaBytes} bytes`, closing));
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        return fail(new HttpError(400, 'meta: not valid JSON'));
      }
      const parsed = parseCaptureMeta(json);
      if (!parsed.ok) return fail(new HttpError(400, parsed.error));
      meta = parsed.value;
    });
    bb.on('file', (name, stream, _info) => {
      if (name !== 'image') {
        stream.resume();
        return fail(new HttpError(400, `${name.slice(0, 64)}: unknown file (image only)`));
      }
      const img = { type: 'image/png' as CaptureImageType, chunks: [] as Buffer[], size: 0, done: false };
      image = img;
      let typed = false;
      stream.on('data', (chunk: Buffer) => {
        img.chunks.push(chunk);
        img.size += chunk.length;
        if (!typed && img.size >= SIGNATURE_BYTES) {
          typed = true;
          const t = imageType(Buffer.concat(img.chunks, img.size));
          if (!t) fail(new HttpError(415, 'image: not a PNG, JPEG or WebP image', closing));
          else img.type = t;
        }
      });
      stream.on('limit', () => fail(new HttpError(413, `image: larger than ${limits.imageBytes} bytes`, closing)));
      stream.on('end', () => {
        img.done = true;
        if (!typed) fail(new HttpError(415, 'image: not a PNG, JPEG or WebP image'));
      });
    });
    bb.on('filesLimit', () => fail(new HttpError(400, 'image: one image only')));
    bb.on('fieldsLimit', () => fail(new HttpError(400, 'meta: one meta field only')));
    bb.on('error', (e: Error) => fail(new HttpError(400, `body: malformed multipart (${e.message})`, closing)));
    bb.on('close', () => {
      if (settled) return;
      if (!meta) return fail(new HttpError(400, 'meta: required'));
      if (!image?.done) return fail(new HttpError(400, 'image: required'));
      stop();
      resolve({ meta, type: image.type, image: Buffer.concat(image.chunks, image.size) });
    });
    req.on('data', onData);
    req.once('error', () => fail(new HttpError(400, 'body: connection failed', closing)));
    req.once('close', () => !req.complete && fail(new HttpError(400, 'body: connection closed before the body ended')));
    req.pipe(bb);
  });
}
