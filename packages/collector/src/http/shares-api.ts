import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_SHARES_PER_SITE,
  SHARE_DEFAULT_DAYS,
  pageKey,
  parseShareRequest,
  type CaptureList,
  type ShareCreated,
  type ShareGrant,
} from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import { authorizeRead, readToken } from '../edge/auth.js';
import { readQuery } from '../edge/query.js';
import { checkWindowKept } from '../edge/window-kept.js';
import { HttpError, sendJson } from '../edge/respond.js';
import { publicGrant, type ShareAuth, type ShareRecord } from '../edge/share-auth.js';
import { mintShareToken, newSavedId } from '../edge/share-token.js';
import type { SiteRegistry } from '../sites.js';
import type { Store } from '../store/types.js';
import { SavedFullError, siteOfId } from '../store/views-types.js';
import { readJson } from './json-body.js';
import { isCaptureImagePath } from './captures.js';
import { parseCaptureId } from '../store/capture-id.js';
import { idIn } from './views-api.js';

export type SharesDeps = {
  config: ResolvedConfig;
  sites: SiteRegistry;
  store: Store;
  grantOf: ShareAuth;
  /** a link was revoked here: close its live sockets now (others close them at their next check) */
  onRevoke: (id: string) => void;
};

const DAY_MS = 24 * 3600_000;
const notYours = () => new HttpError(403, 'share: this link reads only its own view');

/** The page a request's Host names, for the link's URL (`http://host`; `https` behind TLS or a proxy saying so). */
function originOf(req: IncomingMessage): string {
  const proto =
    req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted
      ? 'https'
      : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/**
 * Read-only links: `POST /api/shares`, `GET /api/shares?site` and `DELETE /api/shares/ID` with the
 * read token, and every `/api/*` request that carries a share token instead (`serve`), which reads
 * only what its link grants.
 */
export function createSharesApi({ config, sites, store, grantOf, onRevoke }: SharesDeps) {
  return {
    /** POST /api/shares: 201 {id, url, token, expiresAt}; the token is never shown again. */
    async create(req: IncomingMessage, res: ServerResponse) {
      const parsed = parseShareRequest(await readJson(req, config));
      if (!parsed.ok) throw new HttpError(400, parsed.error);
      const b = parsed.value;
      const now = config.now();
      let grant: ShareGrant extends infer G ? (G extends ShareGrant ? Omit<G, 'id' | 'expiresAt'> : never) : never;
      if ('viewId' in b) {
        authorizeRead(sites, req.headers, siteOfId(b.viewId));
        const view = await store.views.getView(b.viewId, now);
        if (!view) throw new HttpError(404, `views: no saved view ${b.viewId}`);
        grant = { site: view.site, viewId: view.id };
      } else {
        const site = authorizeRead(sites, req.headers, b.site);
        if (!b.path.startsWith('/')) throw new HttpError(400, 'path: must start with /');
        checkWindowKept(site, b.window);
        const path = sites.routeOf(site, pageKey(b.path));
        grant = { site: site.id, path, kind: b.kind, seg: b.seg, window: b.window };
      }
      const id = newSavedId(grant.site);
      const { token, hash } = mintShareToken(id);
      const expiresAt = now + (b.expiresInDays ?? SHARE_DEFAULT_DAYS) * DAY_MS;
      const share = { ...grant, id, expiresAt, hash, createdAt: now } as ShareRecord & { createdAt: number };
      try {
        await store.views.saveShare(share, { now, max: MAX_SHARES_PER_SITE });
      } catch (e) {
        if (e instanceof SavedFullError) throw new HttpError(409, e.message);
        throw e;
      }
      // The token rides in the fragment: browsers never send it, so it stays out of logs and Referer.
      const url = `${originOf(req)}/share/${encodeURIComponent(id)}#${token}`;
      sendJson(res, 201, { id, url, token, expiresAt } satisfies ShareCreated);
    },

    /** GET /api/shares?site: the site's live links (grants only: tokens are never kept). */
    async list(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const shares = await store.views.listShares(site.id, config.now());
      sendJson(res, 200, { shares: shares.map(publicGrant) });
    },

    /** DELETE /api/shares/ID: 204; 404 when there is no live link of that id. */
    async revoke(req: IncomingMessage, res: ServerResponse, id: string) {
      authorizeRead(sites, req.headers, siteOfId(id));
      if (!(await store.views.revokeShare(id, config.now()))) throw new HttpError(404, `shares: no live link ${id}`);
      onRevoke(id);
      res.writeHead(204).end();
    },

    /**
     * An `/api/*` request with a share token: its link's grant (`GET /api/shares/<its id>`), its
     * saved view, or its page's live map (`/api/heatmap` for exactly its site, page, kind, segment
     * and window), its page's captures; anything else is 403. A wrong token is 401, a revoked or
     * expired link 404.
     */
    async serve(req: IncomingMessage, res: ServerResponse, method: string, url: URL) {
      const share = await grantOf(readToken(req.headers)!);
      if (method !== 'GET') throw notYours();
      const p = url.pathname;
      if (p.startsWith('/api/shares/') && idIn(p, '/api/shares/') === share.id)
        return sendJson(res, 200, publicGrant(share));
      if (p.startsWith('/api/views/') && share.viewId !== undefined && idIn(p, '/api/views/') === share.viewId) {
        const view = await store.views.getView(share.viewId, config.now());
        if (!view) throw new HttpError(404, 'views: the shared view was deleted');
        return sendJson(res, 200, view);
      }
      if (p === '/api/heatmap' && share.viewId === undefined && !url.searchParams.has('compare')) {
        const site = sites.get(share.site);
        const q = readQuery(url.searchParams, site);
        const mine =
          site &&
          url.searchParams.get('site') === share.site &&
          q.path !== null &&
          sites.routeOf(site, q.path) === share.path &&
          q.kind === share.kind &&
          q.seg === share.seg &&
          q.window === share.window;
        if (!mine) throw notYours();
        const { path, kind, seg, window } = share;
        return sendJson(
          res,
          200,
          await store.snapshot({ site: share.site, page: path, kind, seg, window, now: config.now() }),
        );
      }
      if (p === '/api/captures' || isCaptureImagePath(p)) return serveCapture(res, share, url);
      throw notYours();
    },
  };

  /** A link's page's captures: the list (`/api/captures?site&path` of its page) and their images. */
  async function serveCapture(res: ServerResponse, share: ShareRecord, url: URL) {
    const now = config.now();
    const page = share.viewId === undefined ? share.path : (await store.views.getView(share.viewId, now))?.path;
    const site = sites.get(share.site);
    if (page === undefined || !site) throw notYours();
    if (url.pathname === '/api/captures') {
      const { path } = readQuery(url.searchParams);
      if (url.searchParams.get('site') !== share.site || !path || sites.routeOf(site, path) !== page) throw notYours();
      return sendJson(res, 200, { captures: await store.captures.list(share.site, page, now) } satisfies CaptureList);
    }
    const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    const ref = parseCaptureId(id);
    if (!ref || ref.site !== share.site || ref.page !== page) throw notYours();
    const found = await store.captures.image(id, now);
    if (!found) throw new HttpError(404, 'capture: no such capture');
    res.writeHead(200, {
      'Content-Type': found.type,
      'Content-Length': found.bytes.length,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    res.end(found.bytes);
  }
}
export type SharesApi = ReturnType<typeof createSharesApi>;
