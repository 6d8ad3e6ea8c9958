import { Negotiator } from '@fastify/accept-negotiator';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.json': 'application/json',
};
const COMPRESSIBLE = /^text\/|javascript|json|svg/;

type Coding = 'br' | 'gzip';

/** One version of a file: its bytes as stored and as each content coding that makes it smaller. */
interface Entry {
  version: string;
  type: string;
  /** Hash of the stored bytes; a representation's ETag adds its coding. */
  hash: string;
  identity: Buffer;
  coded: Partial<Record<Coding, Buffer>>;
}

/** `"hash"` or `"hash-br"`: strong validators differ per content coding (RFC 9110 8.8.3). */
const etagOf = (e: Entry, coding?: Coding) => `"${e.hash}${coding ? '-' + coding : ''}"`;

/** Whether `If-None-Match` names any representation of this version (or `*`). */
function notModified(req: IncomingMessage, e: Entry): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag.replace(/-(br|gzip)"$/, '"') === etagOf(e);
  });
}

async function load(file: string, version: string): Promise<Entry> {
  const identity = await readFile(file);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const coded: Entry['coded'] = {};
  if (COMPRESSIBLE.test(type) && identity.length > 256) {
    // Once per file version, off the event loop (zlib runs in the thread pool).
    const [br, gzipped] = await Promise.all([
      brotli(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      }),
      gz(identity, { level: 9 }),
    ]);
    if (br.length < identity.length) coded.br = br;
    if (gzipped.length < identity.length) coded.gzip = gzipped;
  }
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  return { version, type, hash, identity, coded };
}

/**
 * Serves files from disk the way a CDN would: compressed with brotli or gzip as the client
 * accepts (each file compressed once per version, kept in memory), with an ETag that answers a
 * revalidation with 304, and `Vary: Accept-Encoding`. A file is re-read when its size or mtime
 * changes, so a rebuild is picked up without a restart.
 */
export function createFileCache() {
  const entries = new Map<string, Promise<Entry>>();
  const codings = new Negotiator<Coding>({ supportedValues: ['br', 'gzip'], cache: new Map() });

  /** The file's current version, or undefined when it is missing or not a file. */
  async function get(file: string): Promise<Entry | undefined> {
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) return undefined;
    const version = `${s.size}:${s.mtimeMs}`;
    let entry = entries.get(file);
    if (!entry || (await entry.catch(() => undefined))?.version !== version) {
      entry = load(file, version);
      entries.set(file, entry);
      // A failed read is not kept: the next request tries again.
      const mine = entry;
      mine.catch(() => entries.get(file) === mine && entries.delete(file));
    }
    return entry.catch(() => undefined);
  }

  /** Answers 200 with the best coding the client accepts, or 304. False when the file is missing. */
  async function send(
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    headers: Record<string, string>,
  ): Promise<boolean> {
    const e = await get(file);
    if (!e) return false;
    const accepted = req.headers['accept-encoding'];
    const coding = accepted ? codings.negotiate(accepted) : null;
    const body = (coding && e.coded[coding]) || e.identity;
    const used = body === e.identity ? undefined : coding!;
    const common = { 'Content-Type': e.type, ETag: etagOf(e, used), Vary: 'Accept-Encoding', ...headers };
    if (notModified(req, e)) {
      res.writeHead(304, common);
      res.end();
      return true;
    }
    res.writeHead(200, { ...common, 'Content-Length': body.length, ...(used ? { 'Content-Encoding': used } : {}) });
    res.end(body);
    return true;
  }

  return { send };
}
