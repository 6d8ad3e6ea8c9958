import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from './respond.js';

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

/** The script-tag SDK shipped by @heatlens/sdk, if it is built. */
function defaultSdkFile(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('@heatlens/sdk/iife'));
  } catch {
    return undefined;
  }
}

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>heatlens</title>
<h1>heatlens collector</h1><p>The dashboard is not built. Run <code>pnpm build</code>.</p>`;

/** GET /sdk.js, GET / (the dashboard) and GET /assets/*. */
export function createStaticFiles(options: { sdkFile?: string; publicDir?: string }) {
  const publicDir = options.publicDir ?? fileURLToPath(new URL('../../public/', import.meta.url));
  const sdkFile = options.sdkFile ?? defaultSdkFile();
  let sdk: Buffer | undefined;

  async function send(res: ServerResponse, file: string, cache: string, extra: Record<string, string> = {}) {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      throw new HttpError(404, 'not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': cache, ...extra });
    res.end(body);
  }

  return {
    async sdk(_req: IncomingMessage, res: ServerResponse) {
      if (!sdkFile) throw new HttpError(404, 'sdk: not built (run pnpm build)');
      sdk ??= await readFile(sdkFile).catch(() => undefined);
      if (!sdk) throw new HttpError(404, 'sdk: not built (run pnpm build)');
      res.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Content-Length': sdk.length,
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
      });
      res.end(sdk);
    },
    async dashboard(_req: IncomingMessage, res: ServerResponse) {
      try {
        await send(res, join(publicDir, 'index.html'), 'no-cache');
      } catch {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(PLACEHOLDER);
      }
    },
    async asset(_req: IncomingMessage, res: ServerResponse, pathname: string) {
      const root = normalize(join(publicDir, 'assets') + sep);
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice('/assets/'.length));
      } catch {
        throw new HttpError(404, 'not found');
      }
      const file = normalize(join(root, name));
      if (!file.startsWith(root)) throw new HttpError(404, 'not found');
      await send(res, file, 'public, max-age=300');
    },
  };
}
