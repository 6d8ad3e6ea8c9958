// Live viewers process: opens N /live sockets on one page, then POSTs single clicks to that
// page and times, per socket, from the POST to the first frame that carries it. Arrival times
// are taken first thing in the handler; frames are parsed only after the run (parsing 1,000
// frames inline would queue behind itself and add to the later sockets' latency). Sockets take
// their subprotocol in turn from `protocols` (heatlens.v1: full frames, heatlens.v2: deltas) and
// each protocol's viewers are reported apart, as well as all together.
import { BENCH_ORIGIN, BENCH_SITE, BENCH_TOKEN, batchPrefix } from '../lib/batches.mjs';
import { WebSocket } from '../lib/deps.mjs';
import { percentile } from '../lib/stats.mjs';

const job = JSON.parse(process.argv[2]);
const { url, viewers, posts, gapMs, path, protocols = ['heatlens.v1'] } = job;
const query = `site=${BENCH_SITE}&path=${encodeURIComponent(path)}&kind=click&window=5m&seg=all`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Each socket: arrival times and raw frames, in order. */
const sockets = [];
function open(protocol) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live?${query}`, [protocol, `token.${BENCH_TOKEN}`], {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    const s = { ws, protocol, at: [], frames: [] };
    ws.on('message', (data) => {
      s.at.push(performance.now());
      s.frames.push(data);
    });
    ws.once('open', () => {
      sockets.push(s);
      resolve();
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

const t0 = performance.now();
for (let i = 0; i < viewers; i += 50)
  await Promise.all(
    Array.from({ length: Math.min(50, viewers - i) }, (_, j) => open(protocols[(i + j) % protocols.length])),
  );
const connectMs = performance.now() - t0;
// Everyone has had the first snapshot before the clock starts.
for (let i = 0; i < 200 && sockets.some((s) => s.at.length === 0); i++) await sleep(25);
await sleep(500);

const sentAt = [];
const now = Date.now();
for (let k = 0; k < posts; k++) {
  const ts = Date.now();
  const body =
    batchPrefix(`live-${now}-${k}`) +
    JSON.stringify({
      site: BENCH_SITE,
      sid: 'live1',
      path,
      vw: 1280,
      sent: ts,
      events: [{ type: 'click', ts, x: 640, y: 300 + k, w: 1280, h: 3000 }],
    }).slice(1);
  const start = performance.now();
  const res = await fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: BENCH_ORIGIN },
    body,
  });
  await res.arrayBuffer();
  sentAt.push({ start, status: res.status });
  await sleep(gapMs);
}
await sleep(1000);

// Per socket and post: the first frame after the POST started whose click total includes it (a
// heatlens.v2 delta carries `total` as the snapshot does).
for (const s of sockets) s.totals = s.frames.map((f) => JSON.parse(String(f)).total ?? -1);
const r2 = (x) => Math.round(x * 100) / 100;
/** Delivery figures of one group of sockets. */
function measure(group) {
  const latencies = [];
  const spreads = [];
  let missing = 0;
  for (const [k, p] of sentAt.entries()) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of group) {
      const want = s.totals[0] + k + 1;
      const i = s.at.findIndex((t, j) => t >= p.start && s.totals[j] >= want);
      if (i < 0) {
        missing++;
        continue;
      }
      latencies.push(s.at[i] - p.start);
      lo = Math.min(lo, s.at[i]);
      hi = Math.max(hi, s.at[i]);
    }
    if (hi >= lo) spreads.push(hi - lo);
  }
  const bytes = group.flatMap((s) => s.frames.slice(1).map((f) => f.length));
  return {
    viewers: group.length,
    deliveries: latencies.length,
    missing,
    p50: r2(percentile(latencies, 50)),
    p99: r2(percentile(latencies, 99)),
    max: r2(Math.max(...latencies)),
    fanoutP50: r2(percentile(spreads, 50)),
    fanoutP99: r2(percentile(spreads, 99)),
    frameBytesP50: percentile(bytes, 50),
  };
}
for (const s of sockets) s.ws.terminate();
const byProtocol = {};
for (const protocol of protocols) byProtocol[protocol] = measure(sockets.filter((s) => s.protocol === protocol));
process.stdout.write(
  `${JSON.stringify({
    connectMs: Math.round(connectMs),
    posts,
    postStatuses: sentAt.map((p) => p.status).filter((s) => s !== 204),
    ...measure(sockets),
    byProtocol,
  })}\n`,
);
process.exit(0);
