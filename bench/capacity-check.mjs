#!/usr/bin/env node
// Checks the capacity model against a real run: the same traffic (same seed: the same visits and
// batches at the same offsets) sent for `--minutes` of wall-clock time over HTTP to a real
// collector on its own redis-server (TTLs and sweeps on the real clock), then simulated by the
// model (bench/lib/capacity-sim.mjs, simulated clock and emulated expiry) on a second one.
// Prints used_memory, keys and key bytes (MEMORY USAGE) of both.
//   --minutes=N (default 3)  --pages=N (default 4)  --visits-per-minute=N (default 20)  --tiles=N (2500)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { prng } from './lib/batches.mjs';
import { startRedisClient, usedMemory } from './lib/redis-client.mjs';
import { spawnServer } from './lib/procs.mjs';

register();
const { SITE, keyBytes, planVisits, simulate, visitBatches } = await import('./lib/capacity-sim.mjs');

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const minutes = arg('minutes', 3);
const pages = arg('pages', 4);
const perMinute = arg('visits-per-minute', 20);
const tiles = arg('tiles', 2500);
const SEED = 7;
const visitsPerPageDay = (perMinute * 1440) / pages;
const rows = Math.max(1, Math.round(tiles / 50));
const note = (s) => process.stdout.write(`${s}\n`);
const MiB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withRedis(fn) {
  const { server, client, close } = await startRedisClient();
  try {
    const base = await usedMemory(client);
    await fn(client, server);
    return { used: (await usedMemory(client)) - base, keys: await client.dbSize(), bytes: await keyBytes(client) };
  } finally {
    await close();
  }
}

note(`capacity check: ${minutes} min, ${pages} pages, ${perMinute} visits a minute, ${tiles} tiles a page`);
const start = Date.now() + 20_000; // after the collector has started
const end = start + minutes * 60_000;
const dir = mkdtempSync(join(tmpdir(), 'heatlens-capacity-'));
const sitesFile = join(dir, 'sites.json');
writeFileSync(sitesFile, JSON.stringify([{ id: SITE, origins: ['*'], readToken: 'cap-read-token-0123456789' }]));

let sent = 0;
const real = await withRedis(async (_client, server) => {
  const collector = await spawnServer('collector.mjs', {
    tsx: true,
    env: { HEATLENS_SITES: sitesFile, REDIS_URL: server.url, BENCH_RATE_LIMITS: 'high' },
  });
  try {
    const rand = prng(SEED);
    const visits = planVisits(rand, { start, end, pages, visitsPerPageDay });
    const batches = visits
      .flatMap((v, n) => visitBatches(rand, { path: `/p/${v.page}`, start: v.at, rows, moves: 60, clicks: 3, n }))
      .sort((a, b) => a.sent - b.sent);
    for (const { sent: at, batch } of batches) {
      if (at >= end) continue;
      await sleep(at - Date.now());
      const res = await fetch(`${collector.url}/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://cap.example' },
        body: JSON.stringify({ ...batch, sent: Date.now() }),
      });
      if (res.status !== 204) throw new Error(`POST /collect answered ${res.status}: ${await res.text()}`);
      sent++;
    }
    await sleep(end - Date.now() + 1000);
  } finally {
    await collector.stop();
  }
});
note(`  real run: ${sent} batches`);
const model = await withRedis(async (client) => {
  await simulate({ client, days: minutes / 1440, pages, visitsPerPageDay, tiles, seed: SEED, start });
});
rmSync(dir, { recursive: true, force: true });
for (const [name, r] of [
  ['real collector', real],
  ['model', model],
])
  note(
    `  ${name.padEnd(15)} used_memory ${(r.used / MiB).toFixed(2)} MiB; ${r.keys} keys; page keys ` +
      `${(r.bytes.page / MiB).toFixed(2)} MiB (${r.bytes.pageKeys}), site keys ${(r.bytes.site / 1024).toFixed(1)} KiB`,
  );
note(`  model / real, page key bytes: ${(model.bytes.page / real.bytes.page).toFixed(2)}`);
note(JSON.stringify({ minutes, pages, perMinute, tiles, sent, real, model }));
