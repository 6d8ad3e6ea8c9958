import type { CaptureImageType, CaptureInfo, CaptureMeta } from '@heatlens/schema';
import { newCaptureId, parseCaptureId } from './capture-id.js';
import type { CaptureStore } from './types.js';

type Kept = {
  id: string;
  page: string;
  meta: CaptureMeta;
  type: CaptureImageType;
  image: Buffer;
  /** when it expires, ms since epoch */
  expiresAt: number;
  /** when it was stored, ms since epoch: the newest first */
  storedAt: number;
  /** order stored in this store, for captures stored at the same ms */
  seq: number;
};

const DAY_MS = 86_400_000;
/** Newest first: by time stored, then by order stored. */
const byAge = (a: Kept, b: Kept) => b.storedAt - a.storedAt || b.seq - a.seq;

/**
 * Page captures in this process's memory, with the Redis store's bounds: per site a map of its
 * captures, trimmed per (page, segment), then to the site's count and bytes, oldest first. Memory
 * stays bounded by (configured sites) x `siteBytes`.
 */
export function createMemoryCaptures(): CaptureStore {
  const sites = new Map<string, Map<string, Kept>>();
  let seq = 0;
  // Expired captures are freed by the site's next put; until then `list` and `image` skip them.
  const fresh = (c: Kept, now: number) => c.expiresAt > now;
  const alive = (site: string, now: number) => {
    const caps = sites.get(site) ?? new Map<string, Kept>();
    sites.set(site, caps);
    for (const [id, c] of caps) if (!fresh(c, now)) caps.delete(id);
    return caps;
  };

  return {
    async put(c, { now, limits }) {
      const caps = alive(c.site, now);
      const { id } = newCaptureId(c.site, c.page);
      const expiresAt = now + limits.ttlDays * DAY_MS;
      caps.set(id, {
        id,
        page: c.page,
        meta: c.meta,
        type: c.type,
        image: c.image,
        storedAt: now,
        expiresAt,
        seq: ++seq,
      });
      const oldestFirst = () => [...caps.values()].sort(byAge).reverse();
      const same = oldestFirst().filter((k) => k.page === c.page && k.meta.seg === c.meta.seg);
      for (const k of same.slice(0, Math.max(0, same.length - limits.perSegment))) caps.delete(k.id);
      let bytes = 0;
      for (const k of caps.values()) bytes += k.image.length;
      for (const k of oldestFirst()) {
        if (caps.size <= 1 || (caps.size <= limits.perSite && bytes <= limits.siteBytes)) break;
        caps.delete(k.id);
        bytes -= k.image.length;
      }
      return id;
    },
    async list(site, page, now) {
      const caps = [...(sites.get(site)?.values() ?? [])].filter((k) => k.page === page && fresh(k, now));
      return caps.sort(byAge).map((k): CaptureInfo => ({ ...k.meta, id: k.id }));
    },
    async image(id, now) {
      const ref = parseCaptureId(id);
      const k = ref && sites.get(ref.site)?.get(id);
      return k && fresh(k, now) ? { type: k.type, bytes: k.image } : undefined;
    },
  };
}
