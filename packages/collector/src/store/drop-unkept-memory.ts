import { levelsFor } from '../core/retention.js';

type Levelled = { size: number };
/** What of the memory store's state holds levels: a page's sets and visitors, a site's ranking and series. */
type PageLevels = { sets: Map<string, Levelled>; visitors: Map<string, Levelled>; prunedAt: Map<string, number> };
type SiteLevels = { pages: Map<string, Levelled>; events: Map<string, Levelled>; prunedAt: Map<string, number> };

/**
 * `store.dropUnkept` in memory: a site's levels past its retention (`retentionDays` lowered) leave
 * its pages (`${site}|${page}` in `pages`) and its ranking and series at once. Returns the buckets freed.
 */
export function dropUnkeptMemory(
  pages: Map<string, PageLevels>,
  site: SiteLevels | undefined,
  siteId: string,
  days: number,
): number {
  const kept = new Set<string>(levelsFor(days).map((w) => w.name));
  const gone = (win: string) => !kept.has(win);
  let freed = 0;
  const dropFrom = (m: Map<string, Levelled>, winOf: (key: string) => string) => {
    for (const [key, buckets] of m) {
      if (!gone(winOf(key))) continue;
      freed += buckets.size;
      m.delete(key);
    }
  };
  for (const [key, page] of pages) {
    if (!key.startsWith(`${siteId}|`)) continue;
    dropFrom(page.sets, (k) => k.slice(0, k.indexOf('|')));
    dropFrom(page.visitors, (k) => k);
    for (const win of page.prunedAt.keys()) if (gone(win)) page.prunedAt.delete(win);
  }
  if (site) {
    dropFrom(site.pages, (k) => k);
    dropFrom(site.events, (k) => k);
    for (const win of site.prunedAt.keys()) if (gone(win)) site.prunedAt.delete(win);
  }
  return freed;
}
