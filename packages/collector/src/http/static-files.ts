import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileCache } from './file-cache.js';
import { HttpError } from '../edge/respond.js';

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

/** GET /sdk.js, GET / (the dashboard) and GET /assets/*: compressed, with ETags (see file-cache.ts). */
export function createStaticFiles(options: { sdkFile?: string; publicDir?: string }) {
  const publicDir = options.publicDir ?? fileURLToPath(new URL('../../public/', import.meta.url));
  const sdkFile = options.sdkFile ?? defaultSdkFile();
  const files = createFileCache();

  return {
    async sdk(req: IncomingMessage, res: ServerResponse) {
      // Any site may load it; five minutes of caching, then a revalidation that usually ends in 304.
      const sent =
        sdkFile &&
        (await files.send(req, res, sdkFile, {
          'Cache-Control': 'public, max-age=300',
          'Access-Control-Allow-Origin': '*',
        }));
      if (!sent) throw new HttpError(404, 'sdk: not built (run pnpm build)');
    },
    async dashboard(req: IncomingMessage, res: ServerResponse) {
      if (await files.send(req, res, join(publicDir, 'index.html'), { 'Cache-Control': 'no-cache' })) return;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(PLACEHOLDER);
    },
    async asset(req: IncomingMessage, res: ServerResponse, pathname: string) {
      const root = normalize(join(publicDir, 'assets') + sep);
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice('/assets/'.length));
      } catch {
        throw new HttpError(404, 'not found');
      }
      const file = normalize(join(root, name));
      if (!file.startsWith(root) || !(await files.send(req, res, file, { 'Cache-Control': 'public, max-age=300' })))
        throw new HttpError(404, 'not found');
    },
  };
}
