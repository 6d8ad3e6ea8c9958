import type { SavedView } from '@heatlens/schema';
import { SHARE_GRACE_MS, SavedFullError, listed, siteOfId, type StoredShare, type ViewStore } from './views-types.js';

const live = (s: StoredShare, now: number) => s.revokedAt === undefined && s.expiresAt > now;

type Kept<T> = { value: T; until: number };

/** Saved views and links in process memory: per site, dropped at their expiry. */
export function createMemoryViews(): ViewStore {
  const views = new Map<string, Map<string, Kept<SavedView>>>();
  const shares = new Map<string, Map<string, Kept<StoredShare>>>();
  const siteMap = <T>(all: Map<string, Map<string, Kept<T>>>, site: string, now: number) => {
    let m = all.get(site);
    if (!m) all.set(site, (m = new Map<string, Kept<T>>()));
    for (const [id, k] of m) if (k.until <= now) m.delete(id);
    return m;
  };
  const get = <T>(all: Map<string, Map<string, Kept<T>>>, id: string, now: number) => {
    const k = all.get(siteOfId(id))?.get(id);
    return k && k.until > now ? k.value : undefined;
  };
  const del = <T>(all: Map<string, Map<string, Kept<T>>>, id: string) => all.get(siteOfId(id))?.delete(id) ?? false;

  return {
    async saveView(view, { now, max, ttlMs }) {
      const m = siteMap(views, view.site, now);
      if (m.size >= max) throw new SavedFullError(`views: this site keeps ${max} saved views; delete one first`);
      m.set(view.id, { value: structuredClone(view), until: now + ttlMs });
    },
    async getView(id, now) {
      const v = get(views, id, now);
      return v && structuredClone(v);
    },
    async listViews(site, now) {
      return [...siteMap(views, site, now).values()]
        .map((k) => listed(k.value))
        .sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : 1));
    },
    async deleteView(id) {
      return del(views, id);
    },
    async saveShare(share, { now, max }) {
      const m = siteMap(shares, share.site, now);
      if ([...m.values()].filter((k) => live(k.value, now)).length >= max)
        throw new SavedFullError(`shares: this site keeps ${max} live links; revoke one first`);
      m.set(share.id, { value: { ...share }, until: share.expiresAt + SHARE_GRACE_MS });
    },
    async getShare(id, now) {
      const s = get(shares, id, now);
      return s && { ...s };
    },
    async listShares(site, now) {
      return [...siteMap(shares, site, now).values()]
        .map((k) => ({ ...k.value }))
        .filter((s) => live(s, now))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    },
    async revokeShare(id, now) {
      const k = shares.get(siteOfId(id))?.get(id);
      if (!k || !live(k.value, now)) return false;
      k.value = { ...k.value, revokedAt: now };
      return true;
    },
  };
}
