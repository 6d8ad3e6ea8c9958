import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaptureList } from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import type { SiteRegistry } from '../sites.js';
import type { Store } from '../store/types.js';
import { parseCaptureId } from '../store/capture-id.js';
import { authorizeRead, readToken } from '../edge/auth.js';
import { readQuery } from '../edge/query.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { HttpError, sendJson } from '../edge/respond.js';
import { readCapture } from './read-capture.js';

export type CaptureDeps = { config: ResolvedConfig; sites: SiteRegistry; store: Store; limits: RateLimits };

/**
 * Uploads read at once by one process: each may hold up to `captureLimits.imageBytes` in memory
 * until it is stored, so at most this many x 4 MiB. Past it: 503 with Retry-After.
 */
export const MAX_UPLOADS = 8;

/** An image id, as `GET /api/captures/ID/image` names it: never reused, so cached for a year. */
const IMAGE_PATH = /^\/api\/captures\/([^/]+)\/image$/;

/** The capture routes (DESIGN.md): upload, list and image, each with the site's read token. */
export function createCaptureRoutes({ config, sites, store, limits }: CaptureDeps) {
  let uploads = 0;
  const pageOf = (site: Parameters<SiteRegistry['routeOf']>[0], params: URLSearchParams) => {
    const { path } = readQuery(params);
    if (!path) throw new HttpError(400, 'path: required');
    return sites.routeOf(site, path);
  };
  return {
    /** `POST /api/captures?site&path`: multipart `meta` + `image`; `201 {id}`. */
    async upload(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      let page: string;
      let site: ReturnType<typeof authorizeRead>;
      try {
        site = authorizeRead(sites, req.headers, params.get('site'));
        // The router counts GET reads; an upload is counted here, once its token is known good.
        await limits.read(readToken(req.headers)!);
        page = pageOf(site, params);
        if (uploads >= MAX_UPLOADS)
          throw new HttpError(503, 'captures: too many uploads at once, retry later', { 'Retry-After': 2 });
      } catch (e) {
        // Refused before its body was read: close rather than drain up to megabytes for keep-alive.
        throw e instanceof HttpError ? new HttpError(e.status, e.message, { ...e.headers, Connection: 'close' }) : e;
      }
      uploads++;
      try {
        const upload = await readCapture(req, config.captureLimits, {
          timeoutMs: config.captureTimeoutMs,
          minBytesPerSec: config.bodyMinBytesPerSec,
        });
        const id = await store.captures.put(
          { site: site.id, page, ...upload },
          { now: config.now(), limits: config.captureLimits },
        );
        sendJson(res, 201, { id });
      } finally {
        uploads--;
      }
    },
    /** `GET /api/captures?site&path`: the page's captures, newest first. */
    async list(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const page = pageOf(site, params);
      const captures = await store.captures.list(site.id, page, config.now());
      sendJson(res, 200, { captures } satisfies CaptureList);
    },
    /** `GET /api/captures/ID/image`: the picture with its own type, for the id's site's token only. */
    async image(req: IncomingMessage, res: ServerResponse, pathname: string) {
      const readable = sites.readableBy(readToken(req.headers));
      if (!readable.length)
        throw new HttpError(401, 'authorization: a valid read token is required', { 'WWW-Authenticate': 'Bearer' });
      const id = IMAGE_PATH.exec(pathname)?.[1];
      const ref = id ? parseCaptureId(id) : undefined;
      if (!id || !ref) throw new HttpError(404, 'capture: no such capture');
      if (!readable.some((s) => s.id === ref.site))
        throw new HttpError(403, `site: this token may not read "${ref.site}"`);
      const found = await store.captures.image(id, config.now());
      if (!found) throw new HttpError(404, 'capture: no such capture');
      res.writeHead(200, {
        'Content-Type': found.type,
        'Content-Length': found.bytes.length,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
      res.end(found.bytes);
    },
  };
}

/** Whether a path is a capture image's (`/api/captures/ID/image`). */
export const isCaptureImagePath = (pathname: string) => IMAGE_PATH.test(pathname);
