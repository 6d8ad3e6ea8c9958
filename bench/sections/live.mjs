// Issue 3, live feed: 1,000 viewers of one page in a separate process; delivery latency from
// the POST of a click to the frame that carries it, at each viewer. Run twice: at the default
// hop (the latency includes waiting for the next 250 ms hop) and at a 10 ms hop, which leaves
// the cost of the pipeline itself (commit, advance, read, serialise once, fan out).
import { runLoad, spawnServer } from '../lib/procs.mjs';

async function once(ctx, hopMs) {
  // 1,000 viewers share the bench site's one read token: the per-token socket bound (200 by
  // default, an abuse limit) is lifted for this collector only, as the figure is the fan-out's.
  const env = {
    HEATLENS_SITES: ctx.sitesFile,
    REDIS_URL: ctx.redis.url,
    BENCH_RATE_LIMITS: 'high',
    BENCH_LIVE_LIMITS: 'high',
  };
  if (hopMs) env.BENCH_HOP_MS = String(hopMs);
  const server = await spawnServer('collector.mjs', { tsx: true, env });
  try {
    const rssBefore = server.rss();
    const r = await runLoad('viewers.mjs', {
      url: server.url,
      // tiny: just past the default per-token bound (200), so the run fails if that bound comes back
      viewers: ctx.tiny ? 210 : 1000,
      posts: ctx.tiny ? 2 : ctx.quick ? 10 : 20,
      gapMs: ctx.tiny ? 300 : 600,
      path: `/live-${hopMs ?? 'default'}`,
      // half the viewers take full frames (heatlens.v1), half deltas (heatlens.v2): same feed, same run
      protocols: ['heatlens.v1', 'heatlens.v2'],
    });
    return { ...r, hopMs: hopMs ?? 250, rssBeforeMiB: rssBefore, rssAfterMiB: server.rss() };
  } finally {
    await server.stop();
  }
}

/** ctx: {quick, tiny, redis, sitesFile}. Resolves to {defaultHop, fastHop}. */
export async function runLive(ctx) {
  return { defaultHop: await once(ctx), fastHop: await once(ctx, 10) };
}
