#!/usr/bin/env node
// The demo shop: a small static site on its own origin (like a real customer's site) that
// embeds the SDK from the collector. Used by `pnpm start`, `pnpm simulate` and the browser tests.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCTS } from './products.mjs';
import { renderPage } from './render-page.mjs';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const TYPES = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webm': 'video/webm',
  '.ogg': 'audio/ogg',
  '.pdf': 'application/pdf',
};

/** Every page path of the shop, for tests and the simulator: products are one route template. */
export const SHOP_PAGES = [
  '/',
  ...PRODUCTS.map((p) => `/product/${p.id}`),
  '/guide',
  '/media',
  '/signup',
  '/signup/thanks',
  '/app',
  '/app/orders',
  '/app/settings',
];

/** Page name for a path, plus its product when it is one. */
function route(path) {
  if (path === '/') return { name: 'home' };
  const m = /^\/product\/(\d+)$/.exec(path);
  if (m) {
    const product = PRODUCTS.find((p) => p.id === Number(m[1]));
    return product ? { name: 'product', product } : undefined;
  }
  if (path === '/guide' || path === '/media' || path === '/signup') return { name: path.slice(1) };
  if (path === '/signup/thanks') return { name: 'thanks' };
  if (path === '/app' || path === '/app/orders' || path === '/app/settings') return { name: 'app' };
  return undefined;
}

/** Serve a file under public/, honouring one `Range` (media elements seek with it). */
function sendFile(req, res, path) {
  let file;
  let size;
  try {
    file = normalize(publicDir + decodeURIComponent(path).replace(/^\/+/, ''));
    if (!file.startsWith(publicDir) || file.endsWith(sep)) return false;
    const st = statSync(file);
    if (!st.isFile()) return false;
    size = st.size;
  } catch {
    return false;
  }
  const headers = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return true;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['Content-Length'] = end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file, { start, end }).pipe(res);
  return true;
}

/**
 * Start the demo shop.
 * @param {{port?: number, host?: string, collectorUrl?: string, site?: string}} [options]
 *   `port` default 0 (any free port); `host` default '127.0.0.1'; `collectorUrl` (where pages load
 *   `/sdk.js` from) default 'http://127.0.0.1:8080'; `site` (the SDK's `data-site`) default 'demo'.
 * @returns {Promise<{url: string, close(): Promise<void>}>}
 */
export async function startShop({
  port = 0,
  host = '127.0.0.1',
  collectorUrl = 'http://127.0.0.1:8080',
  site = 'demo',
} = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://shop').pathname;
    if (req.method === 'POST' && path === '/signup') {
      // A real sign-up would store the account; the demo only moves on to the thank-you page.
      req.resume();
      req.on('end', () => res.writeHead(303, { Location: '/signup/thanks' }).end());
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
      return;
    }
    const page = route(path);
    if (page) {
      const html = renderPage(page.name, { collectorUrl, site, product: page.product });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    if (path !== '/' && sendFile(req, res, path)) return;
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(renderPage('not-found', { collectorUrl, site }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const addr = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof addr === 'object' && addr ? addr.port : port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// `node examples/shop/server.mjs` runs the shop alone (SHOP_PORT, COLLECTOR_URL).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const shop = await startShop({
    port: Number(process.env.SHOP_PORT ?? 8081),
    host: process.env.HOST ?? '127.0.0.1',
    collectorUrl: process.env.COLLECTOR_URL ?? 'http://127.0.0.1:8080',
  });
  console.log(`shop: ${shop.url}`);
  const stop = () => shop.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
