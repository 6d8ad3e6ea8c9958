import { createServer, request } from 'node:http';

/**
 * A plain-HTTP forward proxy that Chromium is pointed at (`--proxy-server`), so `pnpm simulate
 * --browser` sees every batch the SDK sends, including the last one, which leaves as a keepalive
 * request while the page unloads and which the browser reports to no page-level API.
 * @param {{onCollect: (batch: object, status: number) => void}} opts called per `POST /collect`
 *   with the parsed batch and the collector's status
 * @returns {Promise<{url: string, close(): Promise<void>}>}
 */
export async function startRecordingProxy({ onCollect }) {
  const inflight = new Set();
  const server = createServer((req, res) => {
    let target;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:') throw new Error('http only');
    } catch {
      res.writeHead(400).end('absolute http:// URLs only');
      return;
    }
    const chunks = [];
    let done;
    const forwarded = new Promise((r) => (done = r)).finally(() => inflight.delete(forwarded));
    inflight.add(forwarded);
    req.on('data', (c) => chunks.push(c));
    req.on('error', (err) => {
      console.error(`  the recording proxy lost a request to ${target.href}: ${err.message}`);
      done();
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = request(
        {
          method: req.method,
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          done();
          if (req.method === 'POST' && target.pathname === '/collect') {
            let batch;
            try {
              batch = JSON.parse(body.toString('utf8'));
            } catch {
              // not JSON: the collector answered it (400), nothing to count
              return;
            }
            onCollect(batch, up.statusCode ?? 0);
          }
        },
      );
      upstream.on('error', (err) => {
        console.error(`  the recording proxy could not reach ${target.host}: ${err.message}`);
        done();
        if (res.headersSent) res.destroy();
        else res.writeHead(502).end();
      });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    /** Stop, after the requests in flight have had their answers (at most 5 s). */
    close: async () => {
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 5000).unref())]);
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
