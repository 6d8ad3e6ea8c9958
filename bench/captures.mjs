// What page captures cost (run with `node --import tsx bench/captures.mjs`; needs `redis-server`).
// 1. Upload: POST /api/captures of a 2 MB image through a collector on Redis (busboy, checks,
//    the put's two Lua steps), against POST of the same multipart body to a bare node:http server
//    that only reads it (the floor of moving 2 MB through Node on this machine).
// 2. Image: GET /api/captures/ID/image of that image (one binary GET on the page's node).
// 3. Writes beside captures: POST /collect latency alone, then while a client downloads an image
//    in a loop, then while one uploads 2 MB captures in a loop (images are never read on the write
//    path; they share the collector's CPU and its Redis connection).
// Prints figures, asserts nothing.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
const src = new URL('../packages/collector/src/', import.meta.url).href;
const { startCollector } = await import(`${src}server.ts`);

// The collector runs in a child process (the load generator's CPU is not its event loop's).
if (process.argv[2] === 'serve') {
  const { SITES } = await import('@heatlens/testkit/collector');
  const c = await startCollector({
    port: 0,
    logLevel: 'warn',
    sites: SITES,
    redisUrl: process.argv[3],
    rateLimits: false,
  });
  process.send(c.url);
  process.on('disconnect', () => c.close().then(() => process.exit(0)));
  await new Promise(() => {});
}
const { startRedis } = await import('@heatlens/testkit/redis-server');
const { SITES, batch, post } = await import('@heatlens/testkit/collector');
const { captureMeta, makePng, uploadCapture } = await import('@heatlens/testkit/captures');

const N = Number(process.env.N ?? 20);
const shop = SITES[0].readToken;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const timed = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const redis = await startRedis();
const child = fork(new URL(import.meta.url).pathname, ['serve', redis.url], { execArgv: ['--import', 'tsx'] });
const c = { url: await new Promise((r) => child.once('message', r)), close: () => child.disconnect() };
const bare = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => res.writeHead(201).end('{}'));
});
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${bare.address().port}`;

// ~2 MB of noise behind a PNG header: as big as a long page's capture, and incompressible.
const image = Buffer.concat([makePng(2, 2), Buffer.from(Array.from({ length: 2_000_000 }, (_, i) => (i * 131) % 251))]);
const meta = captureMeta();
try {
  const up = [];
  const floor = [];
  let id = '';
  for (let i = 0; i < N; i++) {
    floor.push(
      await timed(() =>
        uploadCapture(bareUrl, { site: 'shop', path: '/', token: shop, meta, image }).then((r) => r.text()),
      ),
    );
    up.push(
      await timed(async () => {
        const res = await uploadCapture(c.url, { site: 'shop', path: `/p${i % 5}`, token: shop, meta, image });
        id = (await res.json()).id;
      }),
    );
  }
  console.log(`upload 2 MB, bare node:http read: ${fmt(floor)}`);
  console.log(`upload 2 MB, POST /api/captures on Redis: ${fmt(up)}`);
  const get = [];
  for (let i = 0; i < N; i++)
    get.push(
      await timed(() =>
        fetch(`${c.url}/api/captures/${id}/image`, { headers: { authorization: `Bearer ${shop}` } }).then((r) =>
          r.arrayBuffer(),
        ),
      ),
    );
  console.log(`GET /api/captures/ID/image (2 MB): ${fmt(get)}`);

  const writes = async (n) => {
    const xs = [];
    for (let i = 0; i < n; i++)
      xs.push(await timed(() => post(c.url, batch({ path: `/w${i % 20}` })).then((r) => r.arrayBuffer())));
    return xs;
  };
  await writes(50); // warm
  console.log(`POST /collect alone: ${fmt(await writes(300))}`);
  const beside = async (label, loop) => {
    let busy = true;
    const running = (async () => {
      while (busy) await loop();
    })();
    console.log(`POST /collect beside ${label}: ${fmt(await writes(300))}`);
    busy = false;
    await running;
  };
  await beside('2 MB image downloads in a loop', () =>
    fetch(`${c.url}/api/captures/${id}/image`, { headers: { authorization: `Bearer ${shop}` } }).then((r) =>
      r.arrayBuffer(),
    ),
  );
  await beside('2 MB capture uploads in a loop', () =>
    uploadCapture(c.url, { site: 'shop', path: '/busy', token: shop, meta, image }).then((r) => r.text()),
  );
  console.log(`POST /collect alone again: ${fmt(await writes(300))}`);
} finally {
  bare.close();
  c.close();
  await new Promise((r) => child.once('exit', r));
  await redis.stop();
}
