import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { SiteRegistry } from '../sites.js';
import { StoreUnavailableError, type Store } from '../store/types.js';
import { readToken } from '../edge/auth.js';
import { readCost } from '../edge/read-cost.js';
import { collectCors, createCollectHandler } from './collect.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { createReadApi } from './read-api.js';
import { createCaptureRoutes, isCaptureImagePath } from './captures.js';
import { HttpError, sendError, sendJson } from '../edge/respond.js';
import { createMetricsHandler } from './metrics-endpoint.js';
import { setSecurityHeaders } from './security-headers.js';
import { createStaticFiles } from './static-files.js';
import { createSetupApi } from './setup-api.js';
import type { SetupLog } from '../setup/setup-log.js';
import { isShareToken } from '../edge/share-token.js';
import type { ShareAuth } from '../edge/share-auth.js';
import { savedRouteOf, savedRoutes } from './saved-routes.js';
import { createSharePage } from './share-page.js';
import { createSharesApi } from './shares-api.js';
import { createViewsApi } from './views-api.js';

export type RouterDeps = {
  config: ResolvedConfig;
  sites: SiteRegistry;
  store: Store;
  metrics: Metrics;
  log: Logger;
  limits: RateLimits;
  setup?: SetupLog;
  /** checks share tokens (edge/share-auth.ts) */
  grantOf: ShareAuth;
  /** a link was revoked: close its live sockets */
  onRevoke: (id: string) => void;
};
type Handler = (req: IncomingMessage, res: ServerResponse, params: URLSearchParams, pathname: string) => unknown;

const READ_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization',
  'Access-Control-Max-Age': '86400',
};

/**
 * The HTTP edge: routes by method and path and translates errors into statuses (HttpError ->
 * its status, store outage -> 503, anything else -> 500 and a log line). No input reaches past it.
 */
export function createRouter(deps: RouterDeps) {
  const { store, metrics, log } = deps;
  const collect = createCollectHandler(deps);
  const read = createReadApi(deps);
  const files = createStaticFiles(deps.config);
  const views = createViewsApi(deps);
  const shares = createSharesApi(deps);
  const sharePage = createSharePage(deps.config);
  const captures = createCaptureRoutes(deps);
  const setupApi = createSetupApi(deps);

  const routes: Record<string, Handler> = {
    'POST /collect': (req, res) => collect(req, res),
    'OPTIONS /collect': (req, res) => {
      res.writeHead(204, {
        ...collectCors(req.headers.origin),
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
    },
    'GET /api/sites': (req, res) => read.sites(req, res),
    'GET /api/pages': (req, res, p) => read.pages(req, res, p),
    'GET /api/heatmap': (req, res, p) => (p.has('compare') ? views.compare(req, res, p) : read.heatmap(req, res, p)),
    ...savedRoutes(views, shares),
    'GET /api/stats': (req, res, p) => read.stats(req, res, p),
    'POST /api/captures': (req, res, p) => captures.upload(req, res, p),
    'GET /api/captures': (req, res, p) => captures.list(req, res, p),
    'GET /api/setup': (req, res, p) => setupApi(req, res, p),
    'GET /healthz': (_req, res) => sendJson(res, 200, { ok: true }),
    'GET /readyz': async (_req, res) => {
      try {
        await store.ping();
        sendJson(res, 200, { ok: true });
      } catch {
        sendJson(res, 503, { ok: false, error: 'store: unreachable or refusing writes' }, { 'Retry-After': 2 });
      }
    },
    // On the main port unless a separate metrics listener is configured (metrics-endpoint.ts).
    ...(deps.config.metrics.port === undefined
      ? { 'GET /metrics': createMetricsHandler(metrics.registry, deps.config.metrics) }
      : {}),
    'GET /sdk.js': (req, res) => files.sdk(req, res),
    'GET /': (req, res) => files.dashboard(req, res),
  };

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    let route = 'unknown';
    // The write path, the hottest by far, skips the URL parse and sets its headers itself (collect.ts).
    const write = req.method === 'POST' && req.url === '/collect';
    if (!write) setSecurityHeaders(req, res);
    try {
      if (write) {
        route = '/collect';
        return void (await collect(req, res));
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://collector');
      } catch {
        throw new HttpError(400, 'url: invalid');
      }
      // HEAD is GET without a body wherever GET works (Node's http drops the body of a HEAD reply).
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      // A share token reads only what its link grants (shares-api.ts); it never reaches the routes.
      if (url.pathname.startsWith('/api/') && req.method !== 'OPTIONS' && isShareToken(readToken(req.headers))) {
        route = '/api/(share)';
        for (const [k, v] of Object.entries(READ_CORS)) res.setHeader(k, v);
        return void (await shares.serve(req, res, method ?? '', url));
      }
      const key = `${method} ${url.pathname}`;
      let handler = routes[key];
      route = handler ? url.pathname : 'unknown';
      if (!handler && method === 'GET' && url.pathname.startsWith('/assets/')) {
        handler = (rq, rs, _p, pathname) => files.asset(rq, rs, pathname);
        route = '/assets';
      }
      if (!handler) {
        const saved = savedRouteOf(method ?? '', url.pathname, { views, shares, page: sharePage });
        if (saved) ({ handler, route } = saved);
      }
      if (!handler && method === 'GET' && isCaptureImagePath(url.pathname)) {
        handler = (rq, rs, _p, pathname) => captures.image(rq, rs, pathname);
        route = '/api/captures/image';
      }
      if (!handler && req.method === 'OPTIONS' && url.pathname.startsWith('/api/')) {
        handler = (_rq, rs) => {
          rs.writeHead(204, READ_CORS);
          rs.end();
        };
        route = '/api';
      }
      if (!handler) {
        const known = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
        throw new HttpError(
          known ? 405 : 404,
          known ? `method: ${req.method} not allowed` : `not found: ${url.pathname}`,
        );
      }
      if (url.pathname.startsWith('/api/')) {
        for (const [k, v] of Object.entries(READ_CORS)) res.setHeader(k, v);
        // Only valid tokens are counted: random ones get their 401 without creating limiter keys.
        const token = method === 'GET' ? readToken(req.headers) : undefined;
        if (token && deps.sites.readableBy(token).length)
          await deps.limits.read(token, readCost(url.pathname, url.searchParams));
      }
      await handler(req, res, url.searchParams, url.pathname);
    } catch (e) {
      if (write && !res.headersSent) setSecurityHeaders(req, res);
      if (res.headersSent) {
        res.destroy();
      } else if (e instanceof HttpError) {
        sendError(res, e.status, e.message, e.headers);
      } else if (e instanceof StoreUnavailableError) {
        sendError(res, 503, 'store: unavailable, retry later', { 'Retry-After': 2 });
      } else {
        log.error({ err: e, url: req.url }, 'request failed');
        sendError(res, 500, 'internal error');
      }
    } finally {
      metrics.requests.inc({ route, status: String(res.statusCode) });
      if (route === '/collect') metrics.batchSeconds.observe((performance.now() - started) / 1000);
    }
  };
}
