import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { LIVE_PROTOCOL, LIVE_PROTOCOL_V2 } from '@heatlens/schema';
import { WebSocketServer } from 'ws';
import type { SiteConfig } from '../config.js';
import { authorizeRead, readToken } from '../edge/auth.js';
import { readQuery } from '../edge/query.js';
import type { RateLimits } from '../edge/rate-limits.js';
import type { Metrics } from '../metrics.js';
import { HttpError } from '../edge/respond.js';
import type { SiteRegistry } from '../sites.js';
import type { LiveHub } from './live-hub.js';
import type { Subscription } from './feeds.js';
import { isShareToken } from '../edge/share-token.js';
import type { ShareAuth, ShareRecord } from '../edge/share-auth.js';
import type { ShareWatch } from './share-watch.js';
import { shareSubscription } from './share-live.js';
import { keepWire } from './text-frame.js';

/** Viewers only listen; anything bigger than this from them is a protocol error. */
const MAX_PAYLOAD = 4 * 1024;
/** Retry-After (s) of a /live refused for too many open sockets: viewers close as owners leave. */
const LIVE_RETRY_AFTER_S = 30;

/**
 * Origins that may open /live: none (not a browser), the collector's own (the dashboard), an
 * extension's, or one the site itself allows. The token is still required; this stops other
 * web pages from driving a viewer's browser into the feed.
 */
function originAllowed(req: IncomingMessage, sites: SiteConfig[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (origin.startsWith('chrome-extension://') || origin.startsWith('moz-extension://')) return true;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return sites.some((s) => s.origins.includes('*') || s.origins.includes(origin));
}

function reject(socket: Duplex, status: number, error: string, headers: Record<string, string | number> = {}) {
  const body = JSON.stringify({ error });
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

/**
 * Route `upgrade` events: only /live, authorised and checked before the handshake, then handed
 * to the hub. Compression is off (snapshots go to many viewers; deflating each copy costs more
 * than it saves), and `heatlens.v2` (deltas) is selected when offered, else `heatlens.v1`, never the
 * token one.
 */
export function createUpgradeHandler(deps: {
  sites: SiteRegistry;
  hub: LiveHub;
  limits: RateLimits;
  metrics: Metrics;
  /** share tokens: checked by `grantOf`, their sockets watched for revocation and expiry */
  shares?: { grantOf: ShareAuth; watch: ShareWatch };
}) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD,
    perMessageDeflate: false,
    // Deltas for a viewer that offers them; full frames for one that offers only v1 (older viewers).
    handleProtocols: (protocols) =>
      protocols.has(LIVE_PROTOCOL_V2) ? LIVE_PROTOCOL_V2 : protocols.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false,
  });
  wss.on('error', () => {});

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy());
    let sub: Subscription;
    let share: ShareRecord | undefined;
    try {
      const url = new URL(req.url ?? '/', 'http://collector');
      if (url.pathname !== '/live') throw new HttpError(404, `not found: ${url.pathname}`);
      if (deps.shares && isShareToken(readToken(req.headers))) {
        share = await deps.shares.grantOf(readToken(req.headers)!);
        sub = shareSubscription(share, deps.sites, url.searchParams);
        if (!originAllowed(req, [])) throw new HttpError(403, `origin: ${req.headers.origin} may not open /live`);
      } else {
        const site = authorizeRead(deps.sites, req.headers, url.searchParams.get('site'));
        if (!originAllowed(req, [site])) throw new HttpError(403, `origin: ${req.headers.origin} may not open /live`);
        const q = readQuery(url.searchParams, site);
        sub = q.path
          ? { site: site.id, path: deps.sites.routeOf(site, q.path), kind: q.kind, seg: q.seg, window: q.window }
          : { site: site.id, window: q.window };
        await deps.limits.read(readToken(req.headers)!);
      }
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 400;
      return reject(
        socket,
        status,
        e instanceof Error ? e.message : 'bad request',
        e instanceof HttpError ? e.headers : {},
      );
    }
    if (socket.destroyed) return;
    // Checked after the last await: nothing can take the place between here and hub.add.
    const token = readToken(req.headers)!;
    const refused = deps.hub.refusal(sub, token);
    if (refused) {
      deps.metrics.liveRefused.inc();
      return reject(socket, 429, refused, { 'Retry-After': LIVE_RETRY_AFTER_S });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      keepWire(ws, socket);
      deps.hub.add(ws, sub, token);
      if (share) deps.shares?.watch.add(ws, share);
    });
  }

  return {
    handleUpgrade,
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}
