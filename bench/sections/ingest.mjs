// Issue 3, writes: the same realistic batches against (a) a bare parse-only server, (b) the
// collector on the memory store, (c) the collector on Redis (ack after commit), and the naive
// pipelining reference, in interleaved rounds so a noisy neighbour hurts all of them alike.
import { median } from '../lib/stats.mjs';
import { commandStats, resetStats, withCpu } from '../lib/stats.mjs';
import { join } from 'node:path';
import { CPU, runLoad, spawnServer } from '../lib/procs.mjs';
import { rmSync } from 'node:fs';
import { busiestProfile } from '../lib/profile-top.mjs';

/** The batch pool every ingest run sends: 50 events each, over ~500 of 1,000 Zipf-ranked pages. */
export const INGEST_POOL = { count: 1000, pages: 1000, events: 50, seed: 7 };

const TARGETS = [
  { key: 'bare', label: '(a) bare node:http, parse only', script: 'bare.mjs', redis: false },
  { key: 'memory', label: '(b) collector, memory store', script: 'collector.mjs', tsx: true, collector: true, redis: false },
  { key: 'redis', label: '(c) collector, Redis, ack after commit', script: 'collector.mjs', tsx: true, collector: true, redis: true },
  { key: 'naive', label: 'naive: 1 ZINCRBY/event, pipelined', script: 'naive.mjs', redis: true },
];

/**
 * Run the ingest comparison. ctx: {quick, redis: {url, pid}, admin (node-redis client),
 * sitesFile, profile (write a CPU profile of the Redis collector), note(line)}.
 * Resolves to {runs: {key: {eventsPerSec, p50, p99, cpu, ...}}, redisCommands, connections}.
 */
export async function runIngest(ctx) {
  const rounds = ctx.quick ? 1 : 2;
  const seconds = ctx.quick ? 6 : 10;
  const connections = 32;
  const samples = Object.fromEntries(TARGETS.map((t) => [t.key, []]));
  // Stage costs first, on the server core while it is otherwise idle.
  const breakdown = await runLoad('breakdown.mjs', { pool: INGEST_POOL, rounds: ctx.quick ? 2 : 4 }, { tsx: true, cpu: CPU.server }).catch((e) => ({ error: e.message }));
  let redisCommands;
  const profiles = {};
  for (let round = 1; round <= rounds; round++) {
    for (const t of TARGETS) {
      const env = t.collector ? { HEATLENS_SITES: ctx.sitesFile } : {};
      if (t.redis) env.REDIS_URL = ctx.redis.url;
      const profiled = ctx.profile && t.collector && round === rounds;
      // A directory per run: the loader thread of tsx writes a profile of its own next to the main one.
      const profDir = join(ctx.profileDir ?? '', `collector-${t.key}`);
      if (profiled) rmSync(profDir, { recursive: true, force: true });
      const nodeArgs = profiled ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
      const server = await spawnServer(t.script, { env, tsx: t.tsx, nodeArgs });
      try {
        const phase = { url: server.url, connections, pool: INGEST_POOL };
        await runLoad('cannon.mjs', { phases: [{ ...phase, name: `${t.key} warm-up`, duration: 2 }] });
        if (t.key === 'redis') await resetStats(ctx.admin);
        const [[r], cpu] = await withCpu({ server: server.pid, redis: ctx.redis.pid }, () =>
          runLoad('cannon.mjs', { phases: [{ ...phase, name: `${t.key} round ${round}`, duration: seconds }] }),
        );
        if (t.key === 'redis') redisCommands = summariseCommands(await commandStats(ctx.admin), r.ok);
        samples[t.key].push({ ...r, cpu, rssMiB: server.rss() });
      } finally {
        await server.stop();
      }
      if (profiled) profiles[t.key] = busiestProfile(profDir);
    }
  }
  const runs = {};
  for (const t of TARGETS) {
    const s = samples[t.key];
    runs[t.key] = {
      label: t.label,
      eventsPerSec: median(s.map((x) => x.eventsPerSec)),
      reqPerSec: median(s.map((x) => x.reqPerSec)),
      p50: median(s.map((x) => x.p50)),
      p99: median(s.map((x) => x.p99)),
      non2xx: s.reduce((a, x) => a + x.non2xx + x.errors, 0),
      serverCpuPct: median(s.map((x) => x.cpu.server.pct)),
      redisCpuPct: median(s.map((x) => x.cpu.redis.pct)),
      // CPU per batch holds still when a neighbour steals cycles; req/s does not.
      serverUsPerBatch: median(s.map((x) => (x.cpu.server.secs * 1e6) / x.requests)),
      redisUsPerBatch: t.redis ? median(s.map((x) => (x.cpu.redis.secs * 1e6) / x.requests)) : 0,
      loadCpuPct: median(s.map((x) => x.loadCpuPct)),
      rounds: s.map((x) => Math.round(x.eventsPerSec)),
    };
  }
  return { runs, redisCommands, connections, seconds, rounds, profiles, breakdown };
}

/** Redis work per accepted batch during the Redis collector's measured run. */
function summariseCommands(stats, batches) {
  const per = (n) => (batches ? Math.round((n / batches) * 10) / 10 : NaN);
  const top = Object.entries(stats)
    .sort((a, b) => b[1].calls - a[1].calls)
    .slice(0, 8)
    .map(([cmd, s]) => ({ cmd, callsPerBatch: per(s.calls), usecPerBatch: per(s.usec) }));
  const evalsha = stats.evalsha ?? { calls: 0, usec: 0 };
  return { batches, scriptUsecPerBatch: per(evalsha.usec), scriptCallsPerBatch: per(evalsha.calls), top };
}
