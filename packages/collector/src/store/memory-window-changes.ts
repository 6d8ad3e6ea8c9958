import { SEGMENTS } from '@heatlens/schema';
import { HEAT_SETS } from '../core/set-names.js';
import { windowSpec, windowStart } from '../core/windows.js';
import { GONE_MS, MAX_WINDOW_CHANGES } from '../core/limits.js';
import { setKey, type Counts } from './memory-buckets.js';
import { sumSets, written, type PageState } from './memory-state.js';
import type { HeatmapQuery, WindowChanges } from './types.js';

// The memory store's `windowChanges`: the members of the buckets written since the cursor's
// version and of those that left the window since its instant (pruned ones are kept GONE_MS),
// each with its count now summed over the window's buckets.

const CURSOR_HEAD = 'm1';

/**
 * What changed in the window of `q` on `page` since `since` (see Store.windowChanges). The cursor
 * names the page state (`epoch`), its version and the instant; any other cursor asks for a full read.
 */
export function memoryWindowChanges(page: PageState | undefined, q: HeatmapQuery, since?: string): WindowChanges {
  const w = windowSpec(q.window);
  const head = `${CURSOR_HEAD}|${q.window}|${q.kind}:${q.seg}`;
  const cursor = `${head}|${page?.epoch ?? 0}|${page?.version ?? 0}|${q.now}`;
  const span = { from: windowStart(q.now, w), to: q.now, windowMs: w.ms };
  const segs = q.seg === 'all' ? SEGMENTS : [q.seg];
  const fullRead = (): WindowChanges => ({
    full: true,
    cursor,
    members: [...sumSets(page, w, HEAT_SETS[q.kind], segs, q.now)],
    ...span,
  });
  const parts = since?.split('|') ?? [];
  if (!page || parts.length !== 6 || parts.slice(0, 3).join('|') !== head) return fullRead();
  const [epoch, version, at] = parts.slice(3).map(Number) as [number, number, number];
  if (epoch !== page.epoch || !(q.now >= at) || q.now - at > GONE_MS / 2) return fullRead();

  const startA = windowStart(at, w);
  const startB = windowStart(q.now, w);
  const keys = segs.map((seg) => setKey(w.name, HEAT_SETS[q.kind], seg));
  const candidates = new Set<string>();
  // Left the window, written since, or started since (a bucket ahead of the clock joins when it starts).
  const moved = (b: number, counts: Counts) =>
    (b >= startA && b < startB) || (written.get(counts) ?? 0) > version || (b > at && b <= q.now);
  const take = (counts: Counts) => {
    for (const m of counts.keys()) candidates.add(m);
    return candidates.size <= MAX_WINDOW_CHANGES;
  };
  for (const key of keys) {
    for (const [b, counts] of page.sets.get(key) ?? []) if (moved(b, counts) && !take(counts)) return fullRead();
    for (const g of page.gone.get(key) ?? []) if (g.b >= startA && !take(g.counts)) return fullRead();
  }
  // Counts now: the window's buckets at q.now, as `snapshot` sums them.
  const members: Array<[string, number]> = [];
  const inWindow: Counts[] = [];
  for (const key of keys)
    for (const [b, counts] of page.sets.get(key) ?? []) if (b >= startB && b <= q.now) inWindow.push(counts);
  for (const m of candidates) {
    let n = 0;
    for (const counts of inWindow) n += counts.get(m) ?? 0;
    members.push([m, n]);
  }
  return { full: false, cursor, members, ...span };
}
