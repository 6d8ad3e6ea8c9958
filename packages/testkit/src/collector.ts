import WebSocket from 'ws';
import { liveProtocols } from '@heatlens/schema';

/** A site as `startCollector({sites})` takes it (the collector's `SiteConfig`, without alerts). */
export type TestSite = { id: string; origins: string[]; readToken: string; routes?: string[] };

/** Two sites with their own origins and tokens, for isolation tests. */
export const SITES: TestSite[] = [
  { id: 'shop', origins: ['https://shop.example'], readToken: 'shop-read-token-0123456789', routes: ['/product/:id'] },
  { id: 'blog', origins: ['https://blog.example'], readToken: 'blog-read-token-0123456789' },
];

/** A fetch Response whose JSON body tests read freely. */
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

let n = 0;
/** A valid batch body for `site` with the given events (defaults: one move). */
export function batch(over: Record<string, unknown> = {}, events?: unknown[]) {
  const now = Date.now();
  return {
    v: 1,
    id: `t${++n}-${now}`,
    site: 'shop',
    sid: 'sess1',
    path: '/',
    vw: 1280,
    sent: now,
    events: events ?? [{ type: 'move', ts: now, x: 960, y: 2400, w: 1920, h: 4800 }],
    ...over,
  };
}

/** POST a body to /collect as the SDK does (text/plain) from `origin`. */
export function post(
  url: string,
  body: unknown,
  origin = 'https://shop.example',
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** GET a read route with a bearer token. */
export function get(url: string, route: string, token?: string): Promise<JsonResponse> {
  return fetch(`${url}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** Open /live and collect its frames. */
export async function openLive(url: string, query: string, token: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live?${query}`, liveProtocols(token), { headers });
  const frames: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  /** Resolve with the first frame (from index `from`) that satisfies `pred`. */
  async function next(pred: (f: Record<string, any>) => boolean, timeoutMs = 2000, from = 0) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = frames.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline)
        throw new Error(
          `no matching frame in ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => [f.type, f.total]))}`,
        );
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
  return { ws, frames, next };
}

/**
 * Ask `request` up to `tries` times, 100 ms apart, until it answers `want` (a store coming back);
 * resolves with the last status it answered.
 */
export async function statusOnceBack(request: () => Promise<Response>, want: number, tries: number): Promise<number> {
  let status = 0;
  for (let i = 0; i < tries && status !== want; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    status = (await request()).status;
  }
  return status;
}
