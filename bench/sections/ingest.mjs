// Issue 3, writes: the same realistic batches against (a) a bare parse-only server, (b) the
// collector on the memory store, (c) the collector on Redis (ack after commit), and the naive
// pipelining reference, in interleaved rounds so a noisy neighbour hurts all of them alike.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CPU, runLoad, spawnServer } from '../lib/procs.mjs';
import { busiestProfile } from '../lib/profile-top.mjs';
import { commandStats, median, resetStats, withCpu } from '../lib/stats.mjs';

/** The batch pool every ingest run sends: 50 events each, over ~500 of 1,000 Zipf-ranked pages. */
export const INGEST_POOL = { count: 1000, pages: 1000, events: 50, seed: 7 };
/** Below this (c)/(a) ratio the run profiles the collector to name the bottleneck. */
export const RATIO_TARGET = 0.35;
const CONNECTIONS = 32;

const TARGETS = [
  { key: 'bare', label: '(a) bare node:http, parse only', script: 'bare.mjs', redis: false },
  {
    key: 'memory',
    label: '(b) collector, memory store',
    script: 'collector.mjs',
    tsx: true,
    collector: true,
    redis: false,
  },
  {
    key: 'redis',
    label: '(c) collector, Redis, ack after commit',
    script: 'collector.mjs',
    tsx: true,
    collector: true,
    redis: true,
  },
  { key: 'naive', label: 'naive: 1 ZINCRBY/event, pipelined', script: 'naive.mjs', redis: true },
];

/** A counter of the collector's /metrics (summed over its label sets matching `labels`). */
async function scrape(url, name, labels = '') {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(name) && line.includes(labels)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}
// Script calls that committed batches: the store times each as op="record".
const recordCalls = (url) => scrape(url, 'heatlens_redis_duration_seconds_count', 'op="record"');

/** One server, warmed up, then measured for `seconds`: autocannon figures plus CPU use. */
async function measure(ctx, t, { seconds, name, nodeArgs = [], overallRate }) {
  const env = t.collector ? { HEATLENS_SITES: ctx.sitesFile, BENCH_RATE_LIMITS: 'high' } : {};
  if (t.redis) env.REDIS_URL = ctx.redis.url;
  const server = await spawnServer(t.script, { env, tsx: t.tsx, nodeArgs });
  try {
    const phase = { url: server.url, connections: CONNECTIONS, pool: INGEST_POOL };
    await runLoad('cannon.mjs', { phases: [{ ...phase, name: `${t.key} warm-up`, duration: ctx.tiny ? 0.3 : 2 }] });
    await resetStats(ctx.admin);
    const commits0 = t.collector && t.redis ? await recordCalls(server.url) : 0;
    const [[r], cpu] = await withCpu({ server: server.pid, redis: ctx.redis.pid }, () =>
      runLoad('cannon.mjs', {
        phases: [{ ...phase, name, duration: seconds, ...(overallRate ? { overallRate } : {}) }],
      }),
    );
    const commits = t.collector && t.redis ? (await recordCalls(server.url)) - commits0 : undefined;
    return { ...r, cpu, rssMiB: server.rss(), commands: t.redis ? await commandStats(ctx.admin) : undefined, commits };
  } finally {
    await server.stop();
  }
}

/** A CPU profile of a collector under the same load, outside the measured rounds. */
async function profileCollector(ctx, t, seconds) {
  // A directory per run: tsx's loader thread writes a profile of its own next to the main one.
  const dir = join(ctx.profileDir, `collector-${t.key}`);
  rmSync(dir, { recursive: true, force: true });
  await measure(ctx, t, { seconds, name: `${t.key} profiled`, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  return busiestProfile(dir);
}

/**
 * Run the ingest comparison. ctx: {quick, profile, profileDir, redis: {url, pid}, admin
 * (node-redis client), sitesFile}. Resolves to {runs: {key: figures}, redisCommands,
 * breakdown, profiles}. Profiles are taken when asked or when (c)/(a) is under RATIO_TARGET.
 */
export async function runIngest(ctx) {
  const rounds = ctx.quick ? 1 : 2;
  const seconds = ctx.tiny ? 0.5 : ctx.quick ? 6 : 8;
  // Stage costs first, on the server core.
  const breakdown = await runLoad(
    'breakdown.mjs',
    { pool: INGEST_POOL, rounds: ctx.tiny ? 1 : ctx.quick ? 2 : 4 },
    { tsx: true, cpu: CPU.server },
  ).catch((e) => ({ error: e.message }));
  const samples = Object.fromEntries(TARGETS.map((t) => [t.key, []]));
  let redisCommands;
  for (let round = 1; round <= rounds; round++) {
    for (const t of TARGETS) {
      const r = await measure(ctx, t, { seconds, name: `${t.key} round ${round}` });
      if (t.key === 'redis') redisCommands = summariseCommands(r.commands, r.ok);
      samples[t.key].push(r);
    }
  }
  // Group commit at a quarter of the load the Redis collector just sustained (paced requests).
  const redisT = TARGETS.find((t) => t.key === 'redis');
  const fullRate = median(samples.redis.map((x) => x.reqPerSec));
  const quarter = await measure(ctx, redisT, {
    seconds,
    name: 'redis at 1/4 load',
    overallRate: Math.max(1, Math.round(fullRate / 4)),
  });
  const merged = (x) => (x.commits ? x.ok / x.commits : NaN);
  const groupCommit = {
    full: { reqPerSec: fullRate, batchesPerCommit: median(samples.redis.map(merged)) },
    quarter: {
      reqPerSec: quarter.reqPerSec,
      batchesPerCommit: merged(quarter),
      serverUsPerBatch: (quarter.cpu.server.secs * 1e6) / quarter.requests,
      p50: quarter.p50,
      p99: quarter.p99,
    },
  };
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
  // Each process has a core of its own, so the busier one bounds throughput.
  const cost = (key) => Math.max(runs[key].serverUsPerBatch, runs[key].redisUsPerBatch);
  const cpuRatio = Object.fromEntries(TARGETS.map((t) => [t.key, cost('bare') / cost(t.key)]));
  const ratio = runs.redis.eventsPerSec / runs.bare.eventsPerSec;
  const profiles = {};
  if (ctx.profile || (!ctx.tiny && Math.min(ratio, cpuRatio.redis) < RATIO_TARGET)) {
    for (const t of TARGETS.filter((x) => x.collector)) profiles[t.key] = await profileCollector(ctx, t, 6);
  }
  const perInc = breakdown?.perBatch?.items;
  if (redisCommands && perInc) {
    redisCommands.zincrbyPerIncrement =
      Math.round(((redisCommands.all.zincrby?.calls ?? 0) / redisCommands.batches / perInc) * 100) / 100;
    redisCommands.writesPerIncrement =
      Math.round((redisCommands.writeCalls / redisCommands.batches / perInc) * 100) / 100;
  }
  return { runs, cpuRatio, redisCommands, groupCommit, connections: CONNECTIONS, seconds, rounds, profiles, breakdown };
}

/** Redis work per accepted batch during the Redis collector's measured run. */
function summariseCommands(stats, batches) {
  const per = (n) => (batches ? Math.round((n / batches) * 10) / 10 : NaN);
  const top = Object.entries(stats)
    .sort((a, b) => b[1].calls - a[1].calls)
    .slice(0, 8)
    .map(([cmd, s]) => ({ cmd, callsPerBatch: per(s.calls), usecPerBatch: per(s.usec) }));
  const evalsha = stats.evalsha ?? { calls: 0, usec: 0 };
  // Commands run inside scripts are counted on their own too (Redis >= 7): what the scripts
  // take beyond them is the Lua interpreter's own work (argument parsing, key strings, tables).
  const scripts = ['evalsha', 'eval'].reduce((a, c) => a + (stats[c]?.usec ?? 0), 0);
  const inner = Object.entries(stats)
    .filter(([c]) => c !== 'evalsha' && c !== 'eval')
    .reduce((a, [, v]) => a + v.usec, 0);
  // Commands that write (the rest of what scripts run reads: GET, EXISTS, ZSCORE, PTTL, ZRANGE ...).
  const WRITES = [
    'zincrby',
    'zadd',
    'zrem',
    'zunionstore',
    'set',
    'incr',
    'incrby',
    'hincrby',
    'pfadd',
    'pexpire',
    'del',
  ];
  const writeCalls = WRITES.reduce((a, c) => a + (stats[c]?.calls ?? 0), 0);
  return {
    all: stats,
    writeCalls,
    batches,
    scriptUsecPerBatch: per(evalsha.usec),
    scriptCallsPerBatch: per(evalsha.calls),
    allScriptsUsecPerBatch: per(scripts),
    commandsInScriptsUsecPerBatch: per(inner),
    top,
  };
}
