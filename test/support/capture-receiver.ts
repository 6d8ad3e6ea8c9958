import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/** A capture as the receiver got it. */
export type Received = {
  id: string;
  site: string;
  path: string;
  meta: Record<string, unknown>;
  image: Uint8Array;
  type: string;
};

/**
 * A stand-in for the collector's capture routes while they are built on their own branch: a
 * server in front of a collector that answers `POST /api/captures` (multipart, parsed by the
 * platform's `Response.formData`), `GET /api/captures` and `GET /api/captures/ID/image` as
 * DESIGN.md declares them, adds the site's `masks` to `GET /api/sites`, and passes every other
 * request to the collector. Only the read token `token` is let in.
 */
export async function startCaptureReceiver(
  collectorUrl: string,
  token: string,
  masks: string[],
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (url.pathname.startsWith('/api/captures')) {
        if (req.headers.authorization !== `Bearer ${token}`) return json(401, { error: 'token' });
        const site = url.searchParams.get('site') ?? '';
        const path = url.searchParams.get('path') ?? '';
        if (req.method === 'POST') {
          const form = await new Response(body, {
            headers: { 'content-type': String(req.headers['content-type']) },
          }).formData();
          const image = form.get('image');
          const meta = form.get('meta');
          if (!(image instanceof Blob) || typeof meta !== 'string') return json(400, { error: 'meta, image' });
          const id = `c${received.length + 1}`;
          received.push({
            id,
            site,
            path,
            meta: JSON.parse(meta),
            image: new Uint8Array(await image.arrayBuffer()),
            type: image.type,
          });
          return json(201, { id });
        }
        const image = /^\/api\/captures\/([^/]+)\/image$/.exec(url.pathname);
        if (image) {
          const c = received.find((r) => r.id === image[1]);
          if (!c) return json(404, { error: 'no such capture' });
          res.writeHead(200, { 'content-type': c.type, 'x-content-type-options': 'nosniff' }).end(c.image);
          return;
        }
        const captures = received
          .filter((r) => r.site === site && r.path === path)
          .reverse()
          .map((r) => ({ id: r.id, ...r.meta }));
        return json(200, { captures });
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      const upstream = await fetch(new URL(url.pathname + url.search, collectorUrl), {
        method: req.method ?? 'GET',
        headers,
        ...(body.length ? { body } : {}),
      });
      let text = Buffer.from(await upstream.arrayBuffer());
      if (url.pathname === '/api/sites' && upstream.ok) {
        const sites = JSON.parse(text.toString()) as { sites: Array<Record<string, unknown>> };
        for (const s of sites.sites) s.masks ??= masks;
        text = Buffer.from(JSON.stringify(sites));
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding') out[k] = v;
      });
      res.writeHead(upstream.status, out).end(text);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502).end(String(error));
    });
  });
  // `/live` (WebSocket): the upgrade request as it came, then bytes both ways.
  server.on('upgrade', (req, socket, head) => {
    const target = new URL(collectorUrl);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
