import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { MetricsOptions } from '../config.js';
import { sendError } from '../edge/respond.js';
import { boundPipelining } from './pipeline-bound.js';

/** Defaults of MetricsOptions. */
export const DEFAULT_METRICS_CACHE_MS = 1000;

/**
 * The `/metrics` handler: one render of the registry per `cacheMs` shared by every request (a
 * render costs about ten times any other route), refused with 401 before any work when a token is
 * set and not given.
 */
export function createMetricsHandler(registry: Registry, o: MetricsOptions = {}) {
  const cacheMs = o.cacheMs ?? DEFAULT_METRICS_CACHE_MS;
  const want = o.token ? Buffer.from(`Bearer ${o.token}`) : undefined;
  let cached: { text: Promise<string>; until: number } | undefined;
  const render = () => {
    const now = Date.now();
    if (!cached || now >= cached.until) {
      const text = registry.metrics();
      cached = { text, until: now + cacheMs };
      text.catch(() => (cached = undefined));
    }
    return cached.text;
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (want) {
      const got = Buffer.from(req.headers.authorization ?? '');
      if (got.length !== want.length || !timingSafeEqual(got, want)) {
        sendError(res, 401, 'metrics: token required', { 'WWW-Authenticate': 'Bearer' });
        return;
      }
    }
    const text = await render();
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(text);
  };
}

/** Start the separate metrics listener (only `GET /metrics`); resolves with it once listening. */
export async function startMetricsServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 15_000 },
    boundPipelining((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        sendError(res, 404, `not found: ${path}`);
        return;
      }
      handle(req, res).catch(() => (res.headersSent ? res.destroy() : sendError(res, 500, 'internal error')));
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
