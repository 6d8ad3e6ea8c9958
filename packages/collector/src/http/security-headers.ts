import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Host header safe to echo into a CSP source: a hostname or [IPv6], and a port. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Set the headers every answer carries: a CSP that runs only the collector's own scripts and
 * styles (no inline script or style), lets the dashboard talk only to its own origin (`connect-src`
 * 'self' and the WebSocket form of it: CSP 3 counts ws: of the same host as 'self', older
 * engines need it named), shows pictures of its own (`blob:`: a page capture is fetched with the
 * read token and shown from an object URL), and forbids framing; `nosniff`; no referrer (the dashboard's URL never
 * leaves it). The read token lives in the dashboard's localStorage: an injected script or a
 * framing page is what these stop.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse) {
  const list = securityHeaderList(req.headers.host);
  for (let i = 0; i < list.length; i += 2) res.setHeader(list[i]!, list[i + 1]!);
}

// The list per Host header: a collector is reached under few names, so it is built once each;
// bounded (a client may send any Host), started afresh when full.
const LISTS_MAX = 100;
const lists = new Map<string, readonly string[]>();

/**
 * The headers `setSecurityHeaders` sets, as a flat `[name, value, ...]` list for `writeHead`
 * (an answer written in one call, without `setHeader` first). Built once per Host header.
 */
export function securityHeaderList(host: string | undefined): readonly string[] {
  const key = host ?? '';
  let list = lists.get(key);
  if (list) return list;
  const ws = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  list = [
    'Content-Security-Policy',
    `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'${ws}; ` +
      `base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'X-Frame-Options',
    'DENY',
    'X-Content-Type-Options',
    'nosniff',
    'Referrer-Policy',
    'no-referrer',
  ];
  if (lists.size >= LISTS_MAX) lists.clear();
  lists.set(key, list);
  return list;
}
