// Issue 3, reads: the live-window snapshot of a page whose 50x50 move grid is full, on Redis.
// Redis time per snapshot comes from INFO commandstats deltas (EVALSHA advance + ZRANGE of the
// rolling key); the API's p50/p99 from autocannon on GET /api/heatmap. Compared, in the same
// Redis, with ZUNION of 60 full-grid bucket keys (what a snapshot without a rolling key costs).
import { BENCH_ORIGIN, BENCH_SITE, BENCH_TOKEN, batchPrefix } from '../lib/batches.mjs';
import { runLoad, spawnServer } from '../lib/procs.mjs';
import { commandStats, resetStats } from '../lib/stats.mjs';

const GRID = 50;
const PATH = '/full-grid';

/**
 * POST moves that land on every tile of the grid (one batch per row), at 1280x5000. A live bucket
 * takes at most 1,000 distinct tiles of a page (docs/production.md), so every 20 rows go 5 s
 * further back: three 5 s buckets of the live window hold the 2,500.
 */
async function fillGrid(url) {
  const now = Date.now();
  const [w, h] = [1280, 5000];
  for (let ty = 0; ty < GRID; ty++) {
    const events = Array.from({ length: GRID }, (_, tx) => ({
      type: 'move',
      ts: now - Math.floor(ty / 20) * 5000,
      x: ((tx + 0.5) * w) / GRID,
      y: ((ty + 0.5) * h) / GRID,
      w,
      h,
    }));
    const body =
      batchPrefix(`grid-${now}-${ty}`) +
      JSON.stringify({ site: BENCH_SITE, sid: `g${ty}`, path: PATH, vw: w, sent: now, events }).slice(1);
    const res = await fetch(`${url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: BENCH_ORIGIN },
      body,
    });
    if (res.status !== 204)
      throw new Error(`filling the grid: POST /collect answered ${res.status}: ${await res.text()}`);
  }
}

const usecPerCall = (s, cmd) => (s[cmd] && s[cmd].calls ? s[cmd].usec / s[cmd].calls : NaN);

/** ZUNION of 60 keys of 2,500 members each vs one ZRANGE of such a key, Redis time per call. */
async function zunionBaseline(admin, reps) {
  const keys = Array.from({ length: 60 }, (_, i) => `bench:zu:${i}`);
  for (const k of keys) {
    const members = Array.from({ length: GRID * GRID }, (_, t) => ({
      score: 1 + (t % 7),
      value: `${t % GRID}:${Math.floor(t / GRID)}`,
    }));
    await admin.zAdd(k, members);
  }
  await resetStats(admin);
  for (let i = 0; i < reps; i++) {
    await admin.zUnionWithScores(keys);
    await admin.zRangeWithScores(keys[0], 0, -1);
  }
  const s = await commandStats(admin);
  await admin.del(keys);
  return { zunion60Ms: usecPerCall(s, 'zunion') / 1000, zrangeOneKeyMs: usecPerCall(s, 'zrange') / 1000 };
}

/**
 * ctx: {quick, redis: {url}, admin, sitesFile}. Resolves to {tiles, redisMsPerSnapshot,
 * advanceMs, zrangeMs, api: {p50, p99, reqPerSec}, zunion60Ms, zrangeOneKeyMs}.
 */
export async function runSnapshot(ctx) {
  const server = await spawnServer('collector.mjs', {
    tsx: true,
    env: { HEATLENS_SITES: ctx.sitesFile, REDIS_URL: ctx.redis.url, BENCH_RATE_LIMITS: 'high' },
  });
  try {
    await fillGrid(server.url);
    const route = `/api/heatmap?site=${BENCH_SITE}&path=${encodeURIComponent(PATH)}&kind=move&window=5m&seg=all`;
    const first = await (
      await fetch(server.url + route, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } })
    ).json();
    const tiles = first.tiles?.length ?? 0;
    await resetStats(ctx.admin);
    // One connection: the latency of a request that does not queue behind others.
    const [r] = await runLoad('cannon.mjs', {
      phases: [
        {
          name: 'GET /api/heatmap',
          url: server.url,
          connections: 1,
          duration: ctx.tiny ? 0.5 : ctx.quick ? 4 : 10,
          path: route,
          headers: { authorization: `Bearer ${BENCH_TOKEN}` },
        },
      ],
    });
    const s = await commandStats(ctx.admin);
    // Per answered request: the advance script plus whatever reads the rolling key(s) (one ZRANGE
    // for the live window; a union when a window spans several levels).
    const per = (cmd) => (s[cmd]?.usec ?? 0) / 1000 / Math.max(1, r.ok);
    const advanceMs = per('evalsha');
    const readMs = per('zrange') + per('zunion');
    const base = await zunionBaseline(ctx.admin, ctx.tiny ? 2 : ctx.quick ? 10 : 30);
    // The read rate limit's own script (rate-limiter-flexible sends EVAL), reported apart.
    const limiterMs = per('eval');
    return {
      tiles,
      advanceMs,
      limiterMs,
      zrangeMs: readMs,
      redisMsPerSnapshot: advanceMs + readMs,
      api: { p50: r.p50, p99: r.p99, reqPerSec: r.reqPerSec, non2xx: r.non2xx },
      ...base,
    };
  } finally {
    await server.stop();
  }
}
