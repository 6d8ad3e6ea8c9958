import type { IncomingMessage } from 'node:http';
import type { ResolvedConfig } from '../config.js';
import { HttpError } from '../edge/respond.js';
import { readBody } from './read-body.js';

/** Largest JSON body of the owner's small writes (`POST /api/views`, `POST /api/shares`). */
export const MAX_JSON_BODY = 8 * 1024;

/** Read a small JSON body within the collector's body deadline: 415 unless JSON, 400 unless it parses. */
export async function readJson(req: IncomingMessage, config: ResolvedConfig): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'content-type: must be application/json');
  const body = await readBody(req, MAX_JSON_BODY, {
    timeoutMs: config.bodyTimeoutMs,
    minBytesPerSec: config.bodyMinBytesPerSec,
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body: not valid JSON');
  }
}
