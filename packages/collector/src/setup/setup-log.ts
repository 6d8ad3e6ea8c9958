import { REFUSAL_REASONS, SETUP_DETAILS_MAX, type RefusalReason, type Refusals, type Setup } from '@heatlens/schema';
import { setupKey, setupLastKey } from '../store/redis-keys.js';
import { nearMiss } from './near-miss.js';
import { OTHER, type SetupBackend } from './setup-backend.js';

/** The pseudo-site refusals for unknown site ids are kept under (not a valid site id: no collision). */
export const UNKNOWN_SITE = '(unknown)';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Distinct unknown site ids kept per minute, for every site's near-miss search. */
const UNKNOWN_IDS_MAX = 50;
/** The last accepted batch is written at most this often per site and collector. */
const LAST_EVERY_MS = 5_000;
const LAST_TTL_MS = 30 * 24 * HOUR;
/** Details are cut to this many chars (an origin, a field path, a site id). */
const DETAIL_MAX = 100;

/** Options of {@link createSetupLog}. */
export type SetupLogOptions = {
  backend: SetupBackend;
  /** server clock, ms; default Date.now */
  now?: () => number;
  /** how often tallies go to the backend; default 1,000 ms */
  flushMs?: number;
  /** a failed flush (Redis away): the tallies of that flush are dropped */
  onError?: (err: unknown) => void;
};

/**
 * What `GET /api/setup` answers: batches refused in the last hour by reason, with a few details
 * each, and the last accepted batch, per site. `/collect` calls `refused` and `accepted` without
 * waiting; they add to tallies in this process, which go to the backend (memory, or Redis shared
 * by every collector) every `flushMs` in one call per (site, minute), bounded: at most
 * `SETUP_DETAILS_MAX` distinct details per reason and minute (the rest count as other), so a flood
 * of made-up origins costs a handful of fields. A read flushes this process's tallies first.
 */
export function createSetupLog({ backend, now = Date.now, flushMs = 1000, onError = () => {} }: SetupLogOptions) {
  let pending = new Map<string, { site: string; counts: Map<string, number> }>();
  let lasts = new Map<string, number>();
  const written = new Map<string, number>();
  let running: Promise<void> = Promise.resolve();

  async function flush(): Promise<void> {
    const batch = pending;
    const lastBatch = lasts;
    pending = new Map();
    lasts = new Map();
    const t = now();
    const calls: Promise<void>[] = [];
    for (const [key, { site, counts }] of batch) {
      const ms = lastBatch.get(site);
      lastBatch.delete(site);
      const cap = site === UNKNOWN_SITE ? UNKNOWN_IDS_MAX : SETUP_DETAILS_MAX;
      const last = ms === undefined ? undefined : { key: setupLastKey(site), ms, ttlMs: LAST_TTL_MS };
      calls.push(backend.add(key, counts, cap, HOUR + 2 * MINUTE, last));
    }
    for (const [site, ms] of lastBatch)
      calls.push(
        backend.add(setupKey(site, t - (t % MINUTE)), new Map(), SETUP_DETAILS_MAX, HOUR + 2 * MINUTE, {
          key: setupLastKey(site),
          ms,
          ttlMs: LAST_TTL_MS,
        }),
      );
    const results = await Promise.allSettled(calls);
    for (const r of results) if (r.status === 'rejected') onError(r.reason);
  }
  const flushNow = () => (running = running.then(flush));
  const timer = setInterval(() => void flushNow(), flushMs);
  timer.unref();

  return {
    /**
     * A batch refused: for `site` (a known site id; for `unknown_site` the id as sent) by `reason`,
     * `detail` the origin, the field or the site id.
     */
    refused(site: string, reason: RefusalReason, detail: string) {
      const t = now();
      const owner = reason === 'unknown_site' ? UNKNOWN_SITE : site;
      const key = setupKey(owner, t - (t % MINUTE));
      let p = pending.get(key);
      if (!p) pending.set(key, (p = { site: owner, counts: new Map() }));
      let field = `${reason}\t${detail.slice(0, DETAIL_MAX)}`;
      // This process's share is bounded as the stored one is.
      const cap = owner === UNKNOWN_SITE ? UNKNOWN_IDS_MAX : SETUP_DETAILS_MAX;
      if (!p.counts.has(field) && [...p.counts.keys()].filter((f) => f.startsWith(`${reason}\t`)).length >= cap)
        field = `${reason}\t${OTHER}`;
      p.counts.set(field, (p.counts.get(field) ?? 0) + 1);
    },
    /** A batch accepted for `site` (written to the backend at most every 5 s per collector). */
    accepted(site: string) {
      const t = now();
      if (t - (written.get(site) ?? -Infinity) < LAST_EVERY_MS) return;
      written.set(site, t);
      lasts.set(site, t);
    },
    /** `site`'s setup over the last hour, this collector's tallies flushed first. */
    async read(site: string): Promise<Setup> {
      await flushNow();
      const t = now();
      const first = t - (t % MINUTE) - HOUR + MINUTE;
      const minutes = Array.from({ length: 60 }, (_, i) => first + i * MINUTE);
      const [own, unknown] = await Promise.all([
        backend.read(
          minutes.map((b) => setupKey(site, b)),
          setupLastKey(site),
        ),
        backend.read(
          minutes.map((b) => setupKey(UNKNOWN_SITE, b)),
          setupLastKey(UNKNOWN_SITE),
        ),
      ]);
      const sums = new Map<string, number>();
      for (const h of own.hashes) for (const [f, n] of h) sums.set(f, (sums.get(f) ?? 0) + n);
      for (const h of unknown.hashes)
        for (const [f, n] of h) {
          const id = f.slice(f.indexOf('\t') + 1);
          if (id !== OTHER && nearMiss(id, site)) sums.set(f, (sums.get(f) ?? 0) + n);
        }
      const refused = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, summarise(sums, r)])) as Setup['refused'];
      return { site, windowMs: HOUR, to: t, lastAccepted: own.last, refused };
    },
    /** Stop the timer and write what is pending. */
    async close() {
      clearInterval(timer);
      await flushNow();
    },
  };
}

/** One reason's total, its top details (most first) and the rest. */
function summarise(sums: Map<string, number>, reason: RefusalReason): Refusals {
  const rows: { detail: string; count: number }[] = [];
  let other = 0;
  for (const [f, n] of sums) {
    if (!f.startsWith(`${reason}\t`)) continue;
    const detail = f.slice(reason.length + 1);
    if (detail === OTHER) other += n;
    else rows.push({ detail, count: n });
  }
  rows.sort((a, b) => b.count - a.count || (a.detail < b.detail ? -1 : 1));
  const top = rows.slice(0, SETUP_DETAILS_MAX);
  for (const r of rows.slice(SETUP_DETAILS_MAX)) other += r.count;
  return { count: top.reduce((a, r) => a + r.count, other), top, other };
}

/** A running setup log. */
export type SetupLog = ReturnType<typeof createSetupLog>;
