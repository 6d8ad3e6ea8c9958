#!/usr/bin/env node
// Capacity model: what a site of a given size costs in Redis at steady state. Drives the real
// Redis store (the collector's Lua, a real redis-server) with a simulated clock through `--days`
// of traffic on a sample of the site's pages, then scales by pages (pages are independent keys:
// the per-page figure is the model; the site-wide keys are a few small ones, counted once).
//   --pages=N          pages of the site (default 10,000)
//   --visitors=N       visitors a day, spread evenly over the pages (default 100,000)
//   --tiles=N          distinct tiles a page's traffic can reach (default 2,500: a 50x50 grid)
//   --days=N           simulated days (default 30; at most 400)
//   --retention=N      the site's retentionDays (default: days, at least 30): the store keeps the
//                      windows it names (site-retention.ts), as a collector with that sites entry does
//   --sample=N         pages simulated (default 8; --quick 2)
//   --quick            2 sampled pages over 30 days, under a minute
// Prints used_memory (INFO memory) and keys at the end, bytes per page and per daily visitor,
// the site's predicted size, and a live hop's Redis time for one page (advance + 5m snapshot).
import { register } from 'tsx/esm/api';
import { startRedisClient, usedMemory } from './lib/redis-client.mjs';
import { commandStats, resetStats } from './lib/stats.mjs';

register();
const { keyBytes, simulate } = await import('./lib/capacity-sim.mjs');

const argv = process.argv.slice(2);
const num = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  const v = a ? Number(a.slice(name.length + 3)) : dflt;
  if (!(v > 0)) throw new TypeError(`--${name}: a positive number, got ${a}`);
  return v;
};
const quick = argv.includes('--quick');
const pages = num('pages', 10_000);
const visitors = num('visitors', 100_000);
const tiles = num('tiles', 2500);
const days = num('days', 30);
const sample = Math.min(pages, num('sample', quick ? 2 : 8));
const retention = num('retention', Math.min(400, Math.max(30, Math.ceil(days))));
if (days > 400 || retention > 400) throw new RangeError('--days, --retention: at most 400 (RETENTION_DAYS.max)');
const note = (s) => process.stdout.write(`${s}\n`);
const MiB = 1024 * 1024;

const { client, close } = await startRedisClient();
try {
  const t0 = Date.now();
  const base = await usedMemory(client);
  const perPageDay = visitors / pages;
  note(
    `capacity: ${pages} pages, ${visitors} visitors/day (${perPageDay.toFixed(2)} a page), ${tiles} tiles a page, ` +
      `${days} days, retentionDays ${retention}; ${sample} pages simulated`,
  );
  const run = await simulate({
    client,
    days,
    pages: sample,
    visitsPerPageDay: perPageDay,
    tiles,
    retentionDays: retention,
    onDay: (d) => process.stderr.write(`  day ${d} (${Math.round((Date.now() - t0) / 1000)} s)\r`),
  });
  const used = (await usedMemory(client)) - base;
  const keys = await client.dbSize();
  // A live hop of one page: advance + the 5m snapshot, Redis time from INFO commandstats.
  await resetStats(client);
  const hops = 20;
  for (let i = 0; i < hops; i++)
    await run.store.snapshot({ site: run.site, page: '/p/0', kind: 'move', seg: 'all', window: '5m', now: run.end });
  const hopUs = Object.values(await commandStats(client)).reduce((a, c) => a + c.usec, 0) / hops;
  const long = await run.store.snapshot({
    site: run.site,
    page: '/p/0',
    kind: 'move',
    seg: 'all',
    window: retention >= 365 ? '365d' : retention >= 90 ? '90d' : '30d',
    now: run.end,
  });
  // The model: page keys scale with pages; site-wide keys hold per-page members (ranking), so they
  // scale too; what used_memory holds beyond the keys (scripts, buffers) is a constant.
  const kb = await keyBytes(client);
  const perPage = (kb.page + kb.site) / sample;
  const fixed = Math.max(0, used - kb.page - kb.site);
  const site = perPage * pages + fixed;
  const r = {
    pages,
    visitorsPerDay: visitors,
    tiles,
    days,
    retentionDays: retention,
    sampledPages: sample,
    batches: run.batches,
    events: run.events,
    usedMemoryBytes: used,
    keys,
    keysPerPage: Math.round(keys / sample),
    pageKeyBytes: kb.page,
    siteKeyBytes: kb.site,
    fixedBytes: fixed,
    bytesPerPage: Math.round(perPage),
    bytesPerDailyVisitor: Math.round(site / visitors),
    siteGiB: Math.round((site / 1024 ** 3) * 100) / 100,
    hopRedisUs: Math.round(hopUs),
    tiles30d: long.tiles.length,
    seconds: Math.round((Date.now() - t0) / 1000),
  };
  note(`  simulated: ${run.batches} batches, ${run.events} events; ${run.expired} keys expired on the simulated clock`);
  note(`  used_memory ${(used / MiB).toFixed(2)} MiB over the empty server; ${keys} keys (${r.keysPerPage} a page)`);
  note(
    `  keys (MEMORY USAGE): page ${(kb.page / MiB).toFixed(2)} MiB, site-wide ${(kb.site / MiB).toFixed(2)} MiB; ` +
      `the rest of used_memory (scripts, buffers) ${(fixed / MiB).toFixed(2)} MiB`,
  );
  note(`  bytes per page ${r.bytesPerPage}; per daily visitor ${r.bytesPerDailyVisitor}`);
  note(`  site of ${pages} pages: ${r.siteGiB} GiB of Redis at steady state (scaled from ${sample} pages)`);
  note(
    `  live hop (advance + 5m snapshot) of one page: ${r.hopRedisUs} us of Redis time; 30d heatmap ${r.tiles30d} tiles`,
  );
  note(JSON.stringify(r));
} finally {
  await close();
}
