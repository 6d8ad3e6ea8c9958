/**
 * The page cap: a site may create at most `maxPages` distinct pages per 5-minute bucket; events
 * for further new paths are counted under one page, `(other)`. Paths come from visitors, so
 * without a cap a script posting random paths would create keys (and Redis memory) without bound.
 */

/** The page that absorbs paths past the cap. Not a path (no leading `/`), so no URL can collide. */
export const OTHER_PAGE = '(other)';

/** Admission is counted per bucket of this length (the live window's length). */
export const PAGE_CAP_BUCKET_MS = 5 * 60_000;

/** Distinct pages per site per bucket, unless the store is told otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/**
 * Pages admitted in the current bucket, per site. Admission only grows within a bucket, so the
 * Redis store uses this as a cache (a known page costs no round trip) and the memory store as
 * the record itself. Starts over when the bucket changes: memory stays bounded by the cap.
 */
export function createAdmittedPages() {
  let bucket = -1;
  let bySite = new Map<string, Set<string>>();
  const at = (site: string, now: number) => {
    const b = now - (now % PAGE_CAP_BUCKET_MS);
    if (b !== bucket) {
      bucket = b;
      bySite = new Map();
    }
    let pages = bySite.get(site);
    if (!pages) bySite.set(site, (pages = new Set()));
    return pages;
  };
  return {
    /** The set of a site's admitted pages in `now`'s bucket (mutable: add what is admitted). */
    at,
    /** The bucket `now` falls in. */
    bucketOf: (now: number) => now - (now % PAGE_CAP_BUCKET_MS),
  };
}
