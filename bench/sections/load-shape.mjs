// Issue 7: the collector on Redis under a sustained fixed arrival rate (events/s, latency,
// errors, RSS before and after), then a 10x spike for 10 s: what is shed must be 429 or 503
// only, and latency must come back to the pre-spike level afterwards. Open-loop load
// (load/paced.mjs): requests leave on schedule whether or not the server keeps up.
import { INGEST_POOL } from './ingest.mjs';
import { runLoad, spawnServer } from '../lib/procs.mjs';
import { median } from '../lib/stats.mjs';

const SHED = new Set(['429', '503']);

/** Seconds after the spike until per-second p99 is back near the pre-spike p99 and stays there. */
function recoverySeconds(timeline, spikeEnd, beforeP99) {
  const ok = (t) => t.n === 0 || t.p99 <= Math.max(2 * beforeP99, beforeP99 + 20);
  const after = timeline.filter((t) => t.s >= spikeEnd);
  for (let i = 0; i < after.length; i++) if (after.slice(i).every(ok)) return i;
  return Infinity;
}

/**
 * ctx: {quick, redis, sitesFile, capacityReqPerSec (the Redis collector's measured
 * throughput)}. The sustained rate is half the measured capacity; the spike's base rate a
 * quarter, so 10x is 2.5x what the collector can do. The collector keeps its default rate
 * limits, with client addresses from X-Forwarded-For (1,000 visitors behind a trusted proxy).
 */
export async function runLoadShape(ctx) {
  const cap = Math.max(20, ctx.capacityReqPerSec);
  const sustainedRate = Math.round(cap * 0.5);
  const baseRate = Math.max(5, Math.round(cap * 0.25));
  const server = await spawnServer('collector.mjs', {
    tsx: true,
    env: { HEATLENS_SITES: ctx.sitesFile, REDIS_URL: ctx.redis.url, BENCH_RATE_LIMITS: 'proxy' },
  });
  const job = (phases) => ({ url: server.url, pool: INGEST_POOL, clients: ctx.tiny ? 20 : 1000, phases });
  try {
    await runLoad('paced.mjs', job([{ name: 'warm-up', rate: baseRate, seconds: ctx.tiny ? 0.3 : 2 }]));
    const rssBefore = server.rss();
    const sustainedSeconds = ctx.tiny ? 1 : ctx.quick ? 15 : 60;
    const s = await runLoad(
      'paced.mjs',
      job([{ name: `sustained ${sustainedRate} req/s`, rate: sustainedRate, seconds: sustainedSeconds }]),
      { timeoutMs: 300_000 },
    );
    const rssAfter = server.rss();
    const [beforeS, spikeS, afterS] = ctx.tiny ? [1, 1, 1] : ctx.quick ? [5, 5, 10] : [10, 10, 20];
    const spike = await runLoad(
      'paced.mjs',
      job([
        { name: `before ${baseRate} req/s`, rate: baseRate, seconds: beforeS },
        { name: `spike ${baseRate * 10} req/s`, rate: baseRate * 10, seconds: spikeS },
        { name: `after ${baseRate} req/s`, rate: baseRate, seconds: afterS },
      ]),
      { timeoutMs: 300_000 },
    );
    const unexpected = {};
    for (const p of spike.phases) {
      for (const [code, n] of Object.entries(p.statuses))
        if (code !== '204' && !SHED.has(code)) unexpected[code] = (unexpected[code] ?? 0) + n;
    }
    // The steady pre-spike level: the median of its per-second p99s (its first second also pays
    // for opening connections).
    const steadyP99 = median(spike.timeline.filter((t) => t.s < beforeS && t.n > 0).map((t) => t.p99));
    const recovery = recoverySeconds(spike.timeline, beforeS + spikeS, steadyP99);
    return {
      sustained: {
        ...s.phases[0],
        targetRate: sustainedRate,
        rssBeforeMiB: rssBefore,
        rssAfterMiB: rssAfter,
        skipped: s.skipped,
        resent: s.resent,
      },
      spike: {
        baseRate,
        phases: spike.phases,
        timeline: spike.timeline,
        shed: spike.phases.reduce(
          (a, p) =>
            a +
            Object.entries(p.statuses)
              .filter(([c]) => SHED.has(c))
              .reduce((b, [, n]) => b + n, 0),
          0,
        ),
        unexpected,
        transportErrors: spike.phases.reduce((a, p) => a + p.errors, 0),
        steadyP99,
        recoverySeconds: recovery,
        recovered: Number.isFinite(recovery),
        skipped: spike.skipped,
        resent: spike.resent,
      },
      rssEndMiB: server.rss(),
    };
  } finally {
    await server.stop();
  }
}
