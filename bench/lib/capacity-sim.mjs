// The capacity model's simulation: drives the real Redis store (createRedisStore, the collector's
// own Lua) with a simulated clock passed as every call's `now`, and emulates Redis expiry on that
// clock (Redis's own TTLs run on the wall clock, where a simulated month is a minute).
//
// Emulated expiry: every key whose TTL the store derives from a time in its name is deleted once
// that time has passed on the simulated clock, by the rule keys.ts documents for it:
//   P:<win>:<set>:<seg>:<b>[:n], P:<win>:u:<b>   b + window + slack (levels.ts bucketTtl)
//   S:p:<win>:<b>                                 b + window + 2 buckets;  S:ev:<b>  as S:p:5m:<b>
//   S:pg:<b>                                      b + 2 page-cap buckets (5 min each)
//   P:b:<id>, S:rb:<id>                           the batch's simulated time (in its id) + 15 min
//   P:sm:<sid>                                    the visit's start (in the sid) + 30 min
//   S:sweep:<slot>                                the slot's end + one sweep interval
// Every other key (rolling keys, edges, change tags, known pages, sweep slots) lives while its
// page is swept, as in production.
import { ROW_PX } from '../../packages/schema/src/constants.ts';
import { createRedisStore } from '../../packages/collector/src/store/redis.ts';
import { foldBatch } from '../../packages/collector/src/core/fold.ts';
import { SWEEP_MS, WINDOW_SPECS } from '../../packages/collector/src/core/windows.ts';
import { BATCH_ID_TTL_MS, SCROLL_SESSION_TTL_MS } from '../../packages/collector/src/core/limits.ts';
import { prng } from './batches.mjs';

const SPEC = Object.fromEntries(WINDOW_SPECS.map((w) => [w.name, w]));
const PAGE_CAP_BUCKET_MS = 5 * 60_000;
/**
 * Simulated time between advances of every page, by how long ago the last batch was written: each
 * step is under the slack (how long a bucket outlives its level) of every level that can still
 * hold a bucket near its edge, so every bucket cascades as the sweep (every 30 s) makes it do.
 */
function stepAfter(quietMs) {
  for (const w of WINDOW_SPECS) if (quietMs < w.ms + w.slackMs + 2 * w.bucketMs) return w.slackMs * 0.8;
  return WINDOW_SPECS.at(-1).slackMs * 0.8;
}
/** The site the simulation writes to. */
export const SITE = 'cap';

/** Simulated expiry of a key from its name, or undefined for keys that live while their page does. */
export function simExpiry(key) {
  const tail = key.slice(key.indexOf('}') + 2).split(':');
  const site = !key.includes('|');
  if (site) {
    if (tail[0] === 'p') return Number(tail[2]) + SPEC[tail[1]].ms + 2 * SPEC[tail[1]].bucketMs;
    if (tail[0] === 'ev' && SPEC[tail[1]]) return Number(tail[2]) + SPEC[tail[1]].ms + 2 * SPEC[tail[1]].bucketMs;
    if (tail[0] === 'ev') return Number(tail[1]) + SPEC['5m'].ms + 2 * SPEC['5m'].bucketMs;
    if (tail[0] === 'pg') return Number(tail[1]) + 2 * PAGE_CAP_BUCKET_MS;
    if (tail[0] === 'sweep') return (Number(tail[1]) + 2) * SWEEP_MS;
    if (tail[0] === 'rb') return Number(tail[1].split('-')[0].slice(1)) + BATCH_ID_TTL_MS;
    return undefined;
  }
  if (tail[0] === 'b') return Number(tail[1].split('-')[0].slice(1)) + BATCH_ID_TTL_MS;
  if (tail[0] === 'sm') return Number(tail[1].split('-')[0].slice(1)) + SCROLL_SESSION_TTL_MS;
  const w = SPEC[tail[0]];
  if (!w) return undefined;
  const b = tail[1] === 'u' ? Number(tail[2]) : tail.length >= 4 ? Number(tail[3]) : NaN;
  return Number.isFinite(b) ? b + w.ms + w.slackMs : undefined;
}

/** Delete every key whose simulated expiry is at or before `now`; resolves to the count. */
async function expire(client, now) {
  let gone = 0;
  let cursor = '0';
  do {
    const r = await client.scan(cursor, { COUNT: 2000 });
    cursor = String(r.cursor);
    const dead = r.keys.filter((k) => {
      const t = simExpiry(k);
      return t !== undefined && t <= now;
    });
    if (dead.length) gone += await client.unlink(dead);
  } while (cursor !== '0');
  return gone;
}

/**
 * One visit's batches: a page view, `moves` cursor moves and `clicks` clicks spread over the
 * page's rows (`rows` = tiles / grid), a scroll; sent as one batch per 5 s flush (~20 events).
 */
export function visitBatches(rand, { path, start, rows, moves, clicks, n }) {
  const vw = [390, 1024, 1440][Math.floor(rand() * 3)];
  const h = rows * ROW_PX;
  const sid = `t${start}-${n}`;
  const events = [{ type: 'pageview', ts: start, vh: 800, ref: 'https://search.example/', lang: 'en' }];
  for (let i = 0; i < moves; i++)
    events.push({ type: 'move', ts: 0, x: Math.floor(rand() * vw), y: Math.floor(rand() * h), w: vw, h });
  for (let i = 0; i < clicks; i++)
    events.push({
      type: 'click',
      ts: 0,
      x: Math.floor(rand() * vw),
      y: Math.floor(rand() * h),
      w: vw,
      h,
      sel: `#main>a:nth-child(${1 + Math.floor(rand() * 8)})`,
      ex: 0.5,
      ey: 0.5,
    });
  events.push({ type: 'scroll', ts: 0, depth: Math.floor(rand() * 100) });
  const out = [];
  for (let i = 0, k = 0; i < events.length; i += 20, k++) {
    const sent = start + k * 5000;
    const list = events.slice(i, i + 20).map((e) => ({ ...e, ts: sent }));
    out.push({ sent, batch: { v: 1, id: `t${sent}-${n}-${k}`, site: SITE, sid, path, vw, sent, events: list } });
  }
  return out;
}

/** Visits from `start` to `end` (ms), `visitsPerPageDay` a page, at uniformly random times, by time. */
export function planVisits(rand, { start, end, pages, visitsPerPageDay }) {
  const visits = [];
  const total = Math.round(((end - start) / 86_400_000) * pages * visitsPerPageDay);
  for (let i = 0; i < total; i++) visits.push({ page: i % pages, at: start + Math.floor(rand() * (end - start)) });
  return visits.sort((a, b) => a.at - b.at);
}

/**
 * Run `days` of traffic on `pages` sampled pages, each getting `visitsPerPageDay` visits a day
 * spread uniformly at random over the day. Options: client (connected node-redis), days, pages,
 * visitsPerPageDay, tiles (distinct page tiles a page's traffic can land on; 50 columns), moves
 * and clicks per visit, retentionDays (the site's, default 30), start (simulated ms), seed,
 * onDay(day). Resolves to {end, batches,
 * events, expired}.
 */
export async function simulate(o) {
  const { client, days, pages, visitsPerPageDay, tiles, moves = 60, clicks = 3, seed = 7 } = o;
  const grid = 50;
  const rows = Math.max(1, Math.round(tiles / grid));
  // The site's retention as a sites entry sets it: the store writes the windows it keeps.
  const retentionOf = () => o.retentionDays ?? 30;
  const store = createRedisStore({ client, ping: () => client.ping(), grid, timeoutMs: 60_000, retentionOf });
  const rand = prng(seed);
  const start = o.start ?? Date.UTC(2026, 0, 1);
  const end = start + days * 86_400_000;
  // Visits of the whole run, by start time: (page, start).
  const visits = planVisits(rand, { start, end, pages, visitsPerPageDay });
  const pending = [];
  let vi = 0;
  let batches = 0;
  let events = 0;
  let expired = 0;
  let nextExpire = start + 6 * 3_600_000;
  let day = 0;
  let lastWrite = -Infinity;
  const inFlight = [];
  let nextSweep = start;
  const paths = Array.from({ length: pages }, (_, i) => `/p/${i}`);
  // The next step: a quiet page's step, cut short to the fine step after the next batch is due.
  const nextStep = (now) => {
    const due = Math.min(pending[0]?.sent ?? Infinity, visits[vi]?.at ?? Infinity);
    return Math.min(now + stepAfter(now - lastWrite), Math.max(now + 1000, due) + stepAfter(0), end);
  };
  for (let now = nextStep(start); now < end; now = nextStep(now)) {
    while (vi < visits.length && visits[vi].at < now) {
      const v = visits[vi];
      pending.push(...visitBatches(rand, { path: `/p/${v.page}`, start: v.at, rows, moves, clicks, n: vi }));
      vi++;
    }
    pending.sort((a, b) => a.sent - b.sent);
    while (pending.length && pending[0].sent < now) {
      const { sent, batch } = pending.shift();
      await Promise.all(inFlight.splice(0));
      await store.record(foldBatch(batch, batch.path, sent, grid));
      batches++;
      events += batch.events.length;
      lastWrite = sent;
    }
    // Every page advanced at `now` (what the sweep does for each page it lists); the sweep itself
    // (known pages, the site's ranking) hourly.
    // Advances are pipelined (one connection runs them in order), awaited before anything else.
    inFlight.push(...paths.map((p) => store.advance(SITE, p, '5m', now)));
    if (inFlight.length >= 256) await Promise.all(inFlight.splice(0));
    if (now >= nextSweep) {
      await Promise.all(inFlight.splice(0));
      await store.sweep(SITE, now);
      nextSweep = now + 3_600_000;
    }
    if (now >= nextExpire) {
      await Promise.all(inFlight.splice(0));
      expired += await expire(client, now);
      nextExpire += 6 * 3_600_000;
    }
    if (o.onDay && Math.floor((now - start) / 86_400_000) > day)
      o.onDay((day = Math.floor((now - start) / 86_400_000)));
  }
  await Promise.all(inFlight);
  await store.sweep(SITE, end);
  expired += await expire(client, end);
  return { store, site: SITE, end, batches, events, expired };
}

/**
 * Bytes of every key by MEMORY USAGE (value, key name and its entry), split into the page keys
 * (`hl:{site|path}...`) and the site-wide ones. Resolves to {page, site, pageKeys, siteKeys}.
 */
export async function keyBytes(client) {
  const out = { page: 0, site: 0, pageKeys: 0, siteKeys: 0 };
  let cursor = '0';
  do {
    const r = await client.scan(cursor, { COUNT: 2000 });
    cursor = String(r.cursor);
    const sizes = await Promise.all(r.keys.map((k) => client.memoryUsage(k, { SAMPLES: 0 })));
    r.keys.forEach((k, i) => {
      const which = k.includes('|') ? 'page' : 'site';
      out[which] += Number(sizes[i] ?? 0);
      out[`${which}Keys`]++;
    });
  } while (cursor !== '0');
  return out;
}
