// The hop benchmark's simulation (bench/sections/hop.mjs): two identical long pages on the real
// Redis store (createRedisStore, the collector's Lua), filled over a whole live window, then hop by
// hop the same few new tiles on each; one page is read as the live hub read it before (advance,
// then a whole snapshot when the tag moved), the other with windowChanges. Redis time of each
// read is the sum of SLOWLOG entries (threshold 0: scripts count once, their inner commands not).
import { ROW_PX, parseBatch } from '../../packages/schema/src/index.ts';
import { foldBatch } from '../../packages/collector/src/core/fold.js';
import { createRedisStore } from '../../packages/collector/src/store/redis.ts';

const GRID = 50;
const HOP_MS = 250;
const BUCKET_MS = 5000;
const W = 1000;

let seq = 0;
/** A folded batch of moves on tiles `idx` (tile index = ty * GRID + tx) at server time `now`. */
function moves(site, path, idx, now) {
  const rows = Math.max(...idx.map((i) => Math.floor(i / GRID))) + 1;
  const h = Math.max(rows * ROW_PX, 1000);
  const input = {
    v: 1,
    id: `hop-${++seq}-${now}`,
    site,
    sid: `s${seq % 97}`,
    path,
    vw: 1280,
    sent: now,
    events: idx.map((i) => ({
      type: 'move',
      ts: now,
      x: ((i % GRID) + 0.5) * (W / GRID),
      y: (Math.floor(i / GRID) + 0.5) * ROW_PX,
      w: W,
      h,
    })),
  };
  const r = parseBatch(input);
  if (!r.ok) throw new Error(r.error);
  return foldBatch(r.value, path, now, GRID);
}

/** Sum of SLOWLOG durations (us) of what `fn` sends, and its result. */
async function redisUs(admin, fn) {
  await admin.sendCommand(['SLOWLOG', 'RESET']);
  const result = await fn();
  const log = await admin.sendCommand(['SLOWLOG', 'GET', '-1']);
  let us = 0;
  for (const e of log) if (String(e[3][0]).toUpperCase() !== 'SLOWLOG') us += Number(e[2]);
  return [us, result];
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * opts: {client, admin, hops, tilesPerBucket, changedPerHop}. Fills both pages over the 5-minute
 * window with `tilesPerBucket` new tiles per 5 s bucket, then runs `hops` hops of 250 ms, each
 * writing `changedPerHop` tiles (new ones, then repeats) to both pages and reading each.
 */
export async function simulateHops({ client, admin, hops, tilesPerBucket, changedPerHop }) {
  const store = createRedisStore({ client, ping: () => client.ping(), grid: GRID, timeoutMs: 60_000 });
  const site = 'bench';
  const paths = ['/long-full', '/long-delta'];
  const t0 = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
  let next = 0; // next new tile index
  const fresh = (n) => Array.from({ length: n }, () => next++ % (GRID * 400));
  // The window before t0: each 5 s bucket of the live window gets its own new tiles.
  for (let b = 59; b >= 1; b--) {
    const now = t0 - b * BUCKET_MS + 1000;
    const idx = fresh(tilesPerBucket);
    for (let i = 0; i < idx.length; i += 250)
      for (const path of paths) await store.record(moves(site, path, idx.slice(i, i + 250), now));
  }
  const q = (page, now) => ({ site, page, kind: 'move', seg: 'all', window: '5m', now });
  let now = t0;
  for (const path of paths) await store.watch(site, path, 60_000, now);
  // Warm up: the fill's buckets are sealed into the rolls (each advance moves a bounded number of
  // members), then the state a hub keeps is read whole on both pages (not measured).
  for (let i = 0; i < 20; i++) for (const path of paths) await store.advance(site, path, '5m', now);
  await store.snapshot(q(paths[0], now));
  let cursor = (await store.windowChanges(q(paths[1], now))).cursor;
  let tiles = (await store.snapshot(q(paths[0], now))).tiles.length;
  const full = [];
  const delta = [];
  let fullAnswers = 0;
  let members = 0;
  let perBucket = 0;
  for (let h = 0; h < hops; h++) {
    now += HOP_MS;
    if (now % BUCKET_MS < HOP_MS) perBucket = 0;
    // New tiles until the bucket has its share, then more counts on tiles it has.
    const n = Math.min(changedPerHop, Math.max(0, tilesPerBucket - perBucket));
    const idx = [...fresh(n), ...Array.from({ length: changedPerHop - n }, (_, i) => (next - 1 - i + 20000) % 20000)];
    perBucket += n;
    for (const path of paths) {
      await store.watch(site, path, 60_000, now);
      await store.record(moves(site, path, idx, now));
    }
    const [fullUs, hm] = await redisUs(admin, async () => {
      await store.advance(site, paths[0], '5m', now);
      return store.snapshot(q(paths[0], now));
    });
    const [deltaUs, c] = await redisUs(admin, () => store.windowChanges(q(paths[1], now), cursor));
    cursor = c.cursor;
    if (c.full) fullAnswers++;
    else members += c.members.length;
    full.push(fullUs / 1000);
    delta.push(deltaUs / 1000);
    tiles = hm.tiles.length;
  }
  await store.close();
  return {
    tiles,
    hops,
    changedPerHop,
    tilesPerBucket,
    fullAnswers,
    membersPerDelta: members / Math.max(1, hops - fullAnswers),
    snapshotMs: { mean: mean(full), min: pct(full, 0), p50: pct(full, 50), p99: pct(full, 99) },
    changesMs: { mean: mean(delta), min: pct(delta, 0), p50: pct(delta, 50), p99: pct(delta, 99) },
  };
}
