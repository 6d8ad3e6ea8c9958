// Two real third-party themes from the npm registry (SB Admin 2, Clean Blog), served offline to
// a browser with the SDK's script tag in their pages: shared by bench/dead-clicks.mjs and
// scripts/screenshot-captures.mjs. Plain JS so node runs it without a build step.
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';

const MODULES = new URL('../../../node_modules/', import.meta.url);
/** The themes' files, by URL prefix. */
export const THEMES = {
  '/sb-admin-2/': new URL('startbootstrap-sb-admin-2/', MODULES),
  '/clean-blog/': new URL('startbootstrap-clean-blog/dist/', MODULES),
};
/** A CDN script the themes load, by the end of its URL: the file of its npm package. */
const CDN = {
  'bootstrap@5.2.3/dist/js/bootstrap.bundle.min.js': new URL('bootstrap/dist/js/bootstrap.bundle.min.js', MODULES),
};
const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/**
 * The theme file a request for `url` (a path under a `THEMES` prefix) asks for: its content type
 * and body, an HTML page with `tag` (the SDK's script tag, as a site owner adds it) before its
 * `</head>`. `null` when `url` is under no prefix; `{ missing: true }` when the file is not there.
 */
export function themeFile(url, tag) {
  const prefix = Object.keys(THEMES).find((p) => url?.startsWith(p));
  if (!prefix) return null;
  const rel = new URL(url, 'http://x').pathname.slice(prefix.length);
  const file = new URL(rel.includes('..') ? 'missing' : rel, THEMES[prefix]);
  if (!existsSync(file)) return { missing: true };
  const type = TYPES[extname(rel)] ?? 'application/octet-stream';
  const body = readFileSync(file);
  return { type, body: type == 'text/html' ? String(body).replace('</head>', `${tag}</head>`) : body };
}

/**
 * A Playwright route handler for pages offline: a theme's CDN script from its npm package; fonts,
 * icons and pictures are refused.
 */
export function offlineCdn(route) {
  const hit = Object.keys(CDN).find((k) => route.request().url().endsWith(k));
  return hit ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(CDN[hit]) }) : route.abort();
}
