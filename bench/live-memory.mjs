#!/usr/bin/env node
// Memory of the live hub per subscription: `node bench/live-memory.mjs [sockets=2000]`.
// Starts the collector (memory store, /live bounds lifted), opens that many /live sockets with
// one read token, first all on one page, then each on its own page, and prints the collector's
// RSS growth per socket. The default bounds (docs/production.md) follow from these figures.
// It asserts nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SITE, BENCH_TOKEN, benchSites } from './lib/batches.mjs';
import { WebSocket } from './lib/deps.mjs';
import { spawnServer } from './lib/procs.mjs';

const N = Number(process.argv[2] ?? 2000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = mkdtempSync(join(tmpdir(), 'heatlens-live-mem-'));
const sitesFile = join(tmp, 'sites.json');
writeFileSync(sitesFile, JSON.stringify(benchSites()));

function open(url, path) {
  const query = `site=${BENCH_SITE}&path=${encodeURIComponent(path)}&kind=click&window=5m&seg=all`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live?${query}`, ['heatlens.v1', `token.${BENCH_TOKEN}`], {
      perMessageDeflate: false,
    });
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

async function measure(label, pathOf) {
  const server = await spawnServer('collector.mjs', {
    tsx: true,
    env: { HEATLENS_SITES: sitesFile, BENCH_LIVE_LIMITS: 'high', BENCH_RATE_LIMITS: 'high' },
    nodeArgs: ['--expose-gc'],
  });
  try {
    await sleep(1000);
    const before = server.rss();
    const sockets = [];
    for (let i = 0; i < N; i += 100)
      sockets.push(
        ...(await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, j) => open(server.url, pathOf(i + j))))),
      );
    // A few hops so every feed has run and settled.
    await sleep(3000);
    const after = server.rss();
    const kib = ((after - before) * 1024) / N;
    process.stdout.write(
      `${label}: ${N} sockets, RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB, ${kib.toFixed(1)} KiB per ` +
        `subscription\n`,
    );
    for (const ws of sockets) ws.terminate();
  } finally {
    await server.stop();
  }
}

try {
  await measure('one page', () => '/');
  await measure('distinct pages', (i) => `/page/${i}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
