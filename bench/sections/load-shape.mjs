// Issue 7: the collector on Redis under a sustained fixed arrival rate (events/s, latency,
// errors, RSS before and after), then a 10x spike for 10 s: what is shed must be 429 or 503
// only, and latency must come back to the pre-spike level afterwards.
import { INGEST_POOL } from './ingest.mjs';
import { runLoad, spawnServer } from '../lib/procs.mjs';

const SHED = new Set(['429', '503']);

/**
 * ctx: {quick, redis, sitesFile, capacityReqPerSec (the Redis collector's measured
 * throughput)}. The sustained rate is half the measured capacity; the spike's base rate a
 * quarter, so 10x is 2.5x what the collector can do.
 */
export async function runLoadShape(ctx) {
  const cap = Math.max(20, ctx.capacityReqPerSec);
  const sustainedRate = Math.round(cap * 0.5);
  const baseRate = Math.max(5, Math.round(cap * 0.25));
  // The collector's default rate limits, behind a trusted proxy, with 1,000 visitor addresses.
  const server = await spawnServer('collector.mjs', { tsx: true, env: { HEATLENS_SITES: ctx.sitesFile, REDIS_URL: ctx.redis.url, BENCH_RATE_LIMITS: 'proxy' } });
  try {
    const phase = { url: server.url, pool: INGEST_POOL, clients: 1000 };
    await runLoad('cannon.mjs', { phases: [{ ...phase, name: 'warm-up', connections: 16, duration: 2 }] });
    const rssBefore = server.rss();
    const [sustained] = await runLoad(
      'cannon.mjs',
      { phases: [{ ...phase, name: `sustained ${sustainedRate} req/s`, connections: 32, overallRate: sustainedRate, duration: ctx.quick ? 15 : 60 }] },
      { timeoutMs: 300_000 },
    );
    const rssAfter = server.rss();
    const spikeSeconds = ctx.quick ? 5 : 10;
    const phases = await runLoad('cannon.mjs', {
      phases: [
        { ...phase, name: `before ${baseRate} req/s`, connections: 16, overallRate: baseRate, duration: ctx.quick ? 5 : 10 },
        // Enough connections that 10x can actually be offered, not capped by round trips.
        { ...phase, name: `spike ${baseRate * 10} req/s`, connections: 256, overallRate: baseRate * 10, duration: spikeSeconds },
        { ...phase, name: `after ${baseRate} req/s`, connections: 16, overallRate: baseRate, duration: ctx.quick ? 5 : 10 },
      ],
    });
    const unexpected = {};
    for (const p of phases) {
      for (const [code, n] of Object.entries(p.statuses)) if (code !== '204' && !SHED.has(code)) unexpected[code] = (unexpected[code] ?? 0) + n;
    }
    const [before, spike, after] = phases;
    return {
      sustained: { ...sustained, targetRate: sustainedRate, rssBeforeMiB: rssBefore, rssAfterMiB: rssAfter },
      spike: {
        baseRate,
        phases,
        shed: phases.reduce((a, p) => a + Object.entries(p.statuses).filter(([c]) => SHED.has(c)).reduce((b, [, n]) => b + n, 0), 0),
        unexpected,
        transportErrors: phases.reduce((a, p) => a + p.errors, 0),
        recovered: after.p99 <= Math.max(2 * before.p99, before.p99 + 20),
        spikeP99: spike.p99,
      },
      rssEndMiB: server.rss(),
    };
  } finally {
    await server.stop();
  }
}
