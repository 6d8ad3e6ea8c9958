#!/usr/bin/env node
// Writes under heavy reads: a victim site posts a batch every 50 ms from its own address while one
// read token loops the heaviest reads (/api/pages?limit=500 over 500 pages, 30-day pages and
// stats) with 4 requests in flight. Prints the victim's p50/p99 quiet and under the reads, and its
// 503s: rate limits off (the worst one token can do across collectors) with reads on the writes'
// Redis connection (HEATLENS_REDIS_READ_CONNECTION=0, before) and on their own (after), then with
// the default rate limits (one collector: the token's cost-weighted read budget, edge/read-cost.ts).
// Collector from sources on one Redis. Run: `nice node bench/read-starve.mjs [seconds per phase]`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { CPU, spawnServer, startRedisServer } from './lib/procs.mjs';
import { percentile } from './lib/stats.mjs';

// The victim and the readers share core 1 with redis-server, as other load generators do
// (lib/procs.mjs): on the server's core they took its time and their stalls counted as its own.
try {
  execFileSync('taskset', ['-a', '-cp', CPU.load, String(process.pid)]);
} catch {
  // no taskset: unpinned, as procs.mjs says
}
const SECONDS = Math.max(2, Number(process.argv[2]) || 6);
const TOKEN = 'bench-read-token-0123456789';
const ORIGIN = 'https://victim.example';
const sitesFile = join(mkdtempSync(join(tmpdir(), 'heatlens-read-starve-')), 'sites.json');
writeFileSync(sitesFile, JSON.stringify([{ id: 'shop', origins: [ORIGIN], readToken: TOKEN }]));
const HEAVY = [
  '/api/pages?site=shop&limit=500',
  '/api/pages?site=shop&limit=500&window=30d',
  '/api/stats?site=shop&path=/p0&window=30d',
];

let n = 0;
const post = (url, path, sid, ip) => {
  const now = Date.now();
  const body = { v: 1, id: `b${++n}-${now}`, site: 'shop', sid, path, vw: 1280, sent: now };
  body.events = [{ type: 'move', ts: now, x: 960, y: 2400, w: 1920, h: 4800 }];
  return fetch(`${url}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
};

/** The victim's latencies (ms) and statuses over `SECONDS`, a batch every 50 ms. */
async function victim(url) {
  const runs = [];
  for (const end = performance.now() + SECONDS * 1000; performance.now() < end;) {
    const t0 = performance.now();
    runs.push(
      post(url, '/checkout', 'victim', '198.51.100.7').then(async (r) => {
        await r.arrayBuffer();
        return { status: r.status, ms: performance.now() - t0 };
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
  }
  const all = await Promise.all(runs);
  const ms = all.map((x) => x.ms);
  return {
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    refused: all.filter((x) => x.status !== 204).length,
    n: all.length,
  };
}

async function run(separate, limits = false) {
  const redis = await startRedisServer();
  const env = { REDIS_URL: redis.url, HEATLENS_SITES: sitesFile, HEATLENS_TRUST_PROXY: '1' };
  if (!limits) env.BENCH_RATE_LIMITS = 'off';
  if (!separate) env.HEATLENS_REDIS_READ_CONNECTION = '0';
  const server = await spawnServer('collector.mjs', { tsx: true, env });
  try {
    for (let i = 0; i < 500; i += 25)
      await Promise.all(
        Array.from({ length: 25 }, (_, j) => post(server.url, `/p${i + j}`, `s${i + j}`, '203.0.113.9')),
      );
    const quiet = await victim(server.url);
    let stop = false;
    let reads = 0;
    const statuses = {};
    const reader = async (k) => {
      for (let i = k; !stop; i++) {
        const r = await fetch(`${server.url}${HEAVY[i % HEAVY.length]}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        await r.arrayBuffer();
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        reads++;
      }
    };
    const readers = [0, 1, 2, 3].map(reader);
    await new Promise((r) => setTimeout(r, 500));
    const loaded = await victim(server.url);
    stop = true;
    await Promise.all(readers);
    return { quiet, loaded, reads, statuses };
  } finally {
    await server.stop();
    await redis.stop();
  }
}

const f = (x) => `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, ${x.refused}/${x.n} refused`;
for (const [name, separate, limits] of [
  ['before (one connection)', false, false],
  ['after (reads on their own)', true, false],
  ['after, default rate limits (the token cost budget)', true, true],
]) {
  const r = await run(separate, limits);
  console.log(`${name}: victim quiet ${f(r.quiet)}`);
  console.log(
    `${name}: victim under ${r.reads} heavy reads ${f(r.loaded)}; reads by status ${JSON.stringify(r.statuses)}; ` +
      `p99 ${(r.loaded.p99 / r.quiet.p99).toFixed(2)}x quiet (goal <= 2x)`,
  );
}
