import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SharesApi } from './shares-api.js';
import { idIn, type ViewsApi } from './views-api.js';
import type { SharePage } from './share-page.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The fixed-path routes of saved views and links, for the router's table. */
export function savedRoutes(views: ViewsApi, shares: SharesApi) {
  return {
    'POST /api/views': (req: IncomingMessage, res: ServerResponse) => views.save(req, res),
    'GET /api/views': (req: IncomingMessage, res: ServerResponse, p: URLSearchParams) => views.list(req, res, p),
    'POST /api/shares': (req: IncomingMessage, res: ServerResponse) => shares.create(req, res),
    'GET /api/shares': (req: IncomingMessage, res: ServerResponse, p: URLSearchParams) => shares.list(req, res, p),
  };
}

/**
 * The routes with an id in their path: `GET|DELETE /api/views/ID`, `DELETE /api/shares/ID` and the
 * shared page `GET /share/ID`. Undefined for any other path (the router answers 404 or 405).
 */
export function savedRouteOf(
  method: string,
  pathname: string,
  d: { views: ViewsApi; shares: SharesApi; page: SharePage },
): { route: string; handler: Handler } | undefined {
  if (pathname.startsWith('/api/views/')) {
    const route = '/api/views/:id';
    if (method === 'GET') return { route, handler: (rq, rs) => d.views.get(rq, rs, idIn(pathname, '/api/views/')) };
    if (method === 'DELETE')
      return { route, handler: (rq, rs) => d.views.remove(rq, rs, idIn(pathname, '/api/views/')) };
  }
  if (pathname.startsWith('/api/shares/') && method === 'DELETE')
    return { route: '/api/shares/:id', handler: (rq, rs) => d.shares.revoke(rq, rs, idIn(pathname, '/api/shares/')) };
  if (pathname.startsWith('/share/') && method === 'GET')
    return { route: '/share/:id', handler: (rq, rs) => d.page(rq, rs, idIn(pathname, '/share/')) };
  return undefined;
}
