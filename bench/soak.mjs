// A memory soak of the collector on Redis: `node bench/soak.mjs [minutes=6] [rate=1000]`.
// Open-loop load (load/paced.mjs) at a fixed rate, with the heap read from /metrics every 15 s.
// Under load V8's heap saw-tooths: used memory climbs until a major collection brings it back.
// A leak shows as the low points of that saw-tooth rising from one cycle to the next; a heap that
// merely grew to its working size shows as RSS levelling off. The run prints both. It takes a few
// GC cycles (about 3 minutes each at 1,000 batches/s), so it is not part of `pnpm bench`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSites } from './lib/batches.mjs';
import { runLoad, spawnServer, startRedisServer } from './lib/procs.mjs';
import { INGEST_POOL } from './sections/ingest.mjs';

const minutes = Number(process.argv[2] ?? 6);
const rate = Number(process.argv[3] ?? 1000);
const tmp = mkdtempSync(join(tmpdir(), 'heatlens-soak-'));
const sitesFile = join(tmp, 'sites.json');
writeFileSync(sitesFile, JSON.stringify(benchSites()));
const redis = await startRedisServer();
const server = await spawnServer('collector.mjs', {
  tsx: true,
  env: { HEATLENS_SITES: sitesFile, REDIS_URL: redis.url, BENCH_RATE_LIMITS: 'proxy' },
});

const MiB = 1024 * 1024;
const samples = [];
async function sample() {
  const text = await (await fetch(new URL('/metrics', server.url))).text();
  const read = (name) => Number(new RegExp(`^heatlens_${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1]) / MiB;
  const s = {
    t: samples.length * 15,
    rss: server.rss(),
    heapUsed: read('nodejs_heap_size_used_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
  };
  samples.push(s);
  console.log(
    `${String(s.t).padStart(5)} s   RSS ${s.rss.toFixed(0).padStart(4)} MiB   heap used ` +
      `${s.heapUsed.toFixed(0).padStart(4)} MiB of ${s.heapTotal.toFixed(0)}`,
  );
}

try {
  console.log(`soak: ${rate} batches/s of 50 events for ${minutes} min, collector on Redis`);
  await sample();
  const timer = setInterval(() => void sample(), 15_000);
  const result = await runLoad(
    'paced.mjs',
    { url: server.url, pool: INGEST_POOL, clients: 1000, phases: [{ name: 'soak', rate, seconds: minutes * 60 }] },
    { timeoutMs: minutes * 60_000 + 120_000 },
  );
  clearInterval(timer);
  const p = result.phases[0];
  console.log(`answers ${JSON.stringify(p.statuses)}, p50 ${p.p50} ms, p99 ${p.p99} ms`);
  const bad = result.timeline.filter((t) => t.notOk > 0);
  if (bad.length)
    console.log(
      `seconds with answers other than 204: ${bad.map((t) => `${t.s} s (${t.notOk}, p99 ${t.p99} ms)`).join(', ')}`,
    );
  // The low point after each major collection: a sample lower than both neighbours.
  const lows = samples
    .slice(1, -1)
    .filter(
      (s, i) =>
        s.heapUsed < samples[i].heapUsed &&
        s.heapUsed < samples[i + 2].heapUsed &&
        samples[i].heapUsed - s.heapUsed > 20,
    );
  console.log(
    `heap used after each major GC: ` +
      `${lows.map((s) => `${s.heapUsed.toFixed(0)} MiB at ${s.t} s`).join(', ') || 'no major GC seen (run longer)'}`,
  );
  const half = samples.slice(Math.floor(samples.length / 2));
  console.log(
    `RSS: ${samples[0].rss.toFixed(0)} MiB at start, ${Math.min(...half.map((s) => s.rss)).toFixed(0)}` +
      `-${Math.max(...half.map((s) => s.rss)).toFixed(0)} MiB over the second half`,
  );
} finally {
  await server.stop();
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
}
