import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_PROTOCOL_PREFIX } from '@heatlens/schema';
import type { SiteConfig } from '../config.js';
import type { SiteRegistry } from '../sites.js';
import { HttpError } from './respond.js';

/** The read token of a request: `Authorization: Bearer <t>`, or a `token.<t>` WebSocket subprotocol. */
export function readToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const protocols = headers['sec-websocket-protocol'];
  if (protocols) {
    for (const p of protocols.split(',')) {
      const t = p.trim();
      if (t.startsWith(TOKEN_PROTOCOL_PREFIX)) return t.slice(TOKEN_PROTOCOL_PREFIX.length);
    }
  }
  return undefined;
}

/** The 401 of a missing or wrong token: every wrong token, read or share, gets exactly this. */
export const unauthorized = () =>
  new HttpError(401, 'authorization: a valid read token is required', { 'WWW-Authenticate': 'Bearer' });

/** The site a read may see: 401 without a valid token, 403 for another site's, 404 for no such site. */
export function authorizeRead(sites: SiteRegistry, headers: IncomingHttpHeaders, siteId: string | null): SiteConfig {
  const readable = sites.readableBy(readToken(headers));
  if (readable.length === 0) throw unauthorized();
  if (!siteId) throw new HttpError(400, 'site: required');
  const site = readable.find((s) => s.id === siteId);
  if (!site) throw new HttpError(403, `site: this token may not read "${siteId}"`);
  return site;
}
