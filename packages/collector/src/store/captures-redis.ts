import { RESP_TYPES } from 'redis';
import { imageType, type CaptureInfo, type CaptureMeta } from '@heatlens/schema';
import { captureKeys, pagePrefix, siteKey } from './redis-keys.js';
import { captureIdOf, newCaptureId, parseCaptureId } from './capture-id.js';
import { CAPTURE_DROP_LUA, CAPTURE_LIST_LUA, CAPTURE_PUT_LUA, CAPTURE_SITE_LUA } from './lua/captures.js';
import type { RedisCalls } from './redis-calls.js';
import type { CaptureStore, RedisLike } from './types.js';

const DAY_MS = 86_400_000;
// Bulk strings as Buffers: an image's bytes must not go through a UTF-8 decoder.
const BINARY = { [RESP_TYPES.BLOB_STRING]: Buffer };

/**
 * Page captures on Redis or Redis Cluster. A capture's image (a binary string), its meta (JSON)
 * and its segment's list live under its page's hash tag `hl:{site|page}`; the site's index (ids by
 * order stored, and their bytes) under the site's `hl:{site}`, which may be another Cluster node:
 * a put is a step on each (lua/captures.ts), then a drop on the page of each capture the site's
 * bounds evicted (the id names its page). Every key expires with the capture (`ttlDays`).
 */
export function createRedisCaptures(d: {
  client: Pick<RedisLike, 'withTypeMapping'>;
  call: RedisCalls['call'];
  script: RedisCalls['script'];
  /** where lists and images are read (a connection of their own, so reads never delay writes); default the above */
  read?: { client: Pick<RedisLike, 'withTypeMapping'>; call: RedisCalls['call']; script: RedisCalls['script'] };
}): CaptureStore {
  const r = d.read ?? d;
  const put = d.script(CAPTURE_PUT_LUA);
  const site = d.script(CAPTURE_SITE_LUA);
  const drop = d.script(CAPTURE_DROP_LUA);
  const list = r.script(CAPTURE_LIST_LUA);

  return {
    async put(c, { now, limits }) {
      const { id, key } = newCaptureId(c.site, c.page);
      const ttl = String(limits.ttlDays * DAY_MS);
      const page = pagePrefix(c.site, c.page);
      const dropped = (await d.call('capture', () =>
        put([page], [key, JSON.stringify(c.meta), c.image, ttl, String(now), String(limits.perSegment), c.meta.seg]),
      )) as string[];
      const evicted = (await d.call('capture', () =>
        site(
          [siteKey(c.site)],
          [
            id,
            String(c.image.length),
            String(now),
            ttl,
            String(limits.perSite),
            String(limits.siteBytes),
            ...dropped.map((k) => captureIdOf(c.site, c.page, k)),
          ],
        ),
      )) as string[];
      // Evicted captures, grouped by page: one drop per page's node.
      const byPage = new Map<string, string[]>();
      for (const ref of evicted.map(parseCaptureId)) {
        if (!ref || ref.site !== c.site) continue;
        const p = pagePrefix(ref.site, ref.page);
        byPage.set(p, [...(byPage.get(p) ?? []), ref.key]);
      }
      await d.call('capture', () => Promise.all([...byPage].map(([p, keys]) => drop([p], keys))));
      return id;
    },
    async list(s, page) {
      const flat = (await r.call('captures', () => list([pagePrefix(s, page)], []))) as string[];
      const found: Array<{ score: number; info: CaptureInfo }> = [];
      for (let i = 0; i + 2 < flat.length; i += 3) {
        const meta = JSON.parse(flat[i + 2]!) as CaptureMeta;
        found.push({ score: Number(flat[i]), info: { ...meta, id: captureIdOf(s, page, flat[i + 1]!) } });
      }
      return found.sort((a, b) => b.score - a.score).map((f) => f.info);
    },
    async image(id) {
      const ref = parseCaptureId(id);
      if (!ref) return undefined;
      const [, imageKey] = captureKeys(pagePrefix(ref.site, ref.page), ref.key);
      const bytes = (await r.call('capture-image', () =>
        r.client.withTypeMapping(BINARY).get(imageKey),
      )) as Buffer | null;
      const type = bytes && imageType(bytes);
      return bytes && type ? { type, bytes } : undefined;
    },
  };
}
