import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../edge/respond.js';
import { createFileCache } from './file-cache.js';

/**
 * GET /share/ID: the shared page (public/share.html; its script reads the link's token from the
 * URL fragment, which browsers never send, so the token stays out of logs and Referer). Never
 * indexed, never cached, no referrer. The id is only checked for its spelling here: the page
 * itself asks for the link with its token and says "revoked or expired" on a 404.
 */
export function createSharePage(options: { publicDir?: string }) {
  const publicDir = options.publicDir ?? fileURLToPath(new URL('../../public/', import.meta.url));
  const files = createFileCache();
  return async function sharePage(req: IncomingMessage, res: ServerResponse, _id: string) {
    const headers = {
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex, nofollow',
      'Referrer-Policy': 'no-referrer',
    };
    if (!(await files.send(req, res, join(publicDir, 'share.html'), headers)))
      throw new HttpError(404, 'share: the shared page is not built (run pnpm build)');
  };
}
export type SharePage = ReturnType<typeof createSharePage>;
