import type { SavedView } from '@heatlens/schema';
import { savedViewKeys, shareKeys } from './redis-keys.js';
import {
  SHARE_GRACE_MS,
  SavedFullError,
  listed,
  siteOfId,
  type ListedView,
  type StoredShare,
  type ViewStore,
} from './views-types.js';

// Views and links of a site live under its hash tag `{site}`, so each step is one Lua call on one
// cluster node. An index hash per site bounds them and lists views without reading each one:
//   S:vwi  id -> `<until ms>|<summary JSON>`   S:vw:<id>  the frozen view (JSON), PX its life
//   S:shi  id -> `<expiry ms>`                 S:sh:<id>  the link (JSON), PX until it expires
// Entries past their time are dropped from the index by the next save, so the bound counts live ones.

/** KEYS index, item; ARGV id, json, now, max, until, indexValue. 1 saved, 0 the site is full. */
export const SAVE_LUA = `
local now = tonumber(ARGV[3])
local all = redis.call('HGETALL', KEYS[1])
local live = 0
for i = 1, #all, 2 do
  local untilMs = tonumber(string.match(all[i + 1], '^(%d+)'))
  if untilMs <= now then redis.call('HDEL', KEYS[1], all[i]) else live = live + 1 end
end
if live >= tonumber(ARGV[4]) then return 0 end
local ttl = tonumber(ARGV[5]) - now
redis.call('SET', KEYS[2], ARGV[2], 'PX', ttl)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[6])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1`;

/** KEYS index, item; ARGV id. 1 when there was an item. */
export const DELETE_LUA = `
redis.call('HDEL', KEYS[1], ARGV[1])
return redis.call('DEL', KEYS[2])`;

/** KEYS index, item; ARGV id, revoked JSON: the link leaves the index (no longer counted) and is kept as revoked. */
export const REVOKE_LUA = `
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'KEEPTTL')
return 1`;

/** What the Redis views need: a script runner (EVALSHA with fallback) under the store's deadline, and reads. */
export type ViewsRedis = {
  run(source: string, keys: readonly string[], args: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  hGetAll(key: string): Promise<Record<string, string>>;
  mGet(keys: string[]): Promise<Array<string | null>>;
};

/** Saved views and links in Redis or Redis Cluster (see the key table in keys.ts). */
export function createRedisViews(r: ViewsRedis): ViewStore {
  const save = async (
    keys: readonly string[],
    id: string,
    json: string,
    now: number,
    max: number,
    until: number,
    index: string,
  ) => (await r.run(SAVE_LUA, keys, [id, json, String(now), String(max), String(until), index])) === 1;
  const parse = <T>(raw: string | null): T | undefined => (raw === null ? undefined : (JSON.parse(raw) as T));
  return {
    async saveView(view, { now, max, ttlMs }) {
      const until = now + ttlMs;
      const keys = savedViewKeys(view.site, view.id);
      if (
        !(await save(keys, view.id, JSON.stringify(view), now, max, until, `${until}|${JSON.stringify(listed(view))}`))
      )
        throw new SavedFullError(`views: this site keeps ${max} saved views; delete one first`);
    },
    async getView(id, _now) {
      return parse<SavedView>(await r.get(savedViewKeys(siteOfId(id), id)[1]));
    },
    async listViews(site, now) {
      const all = await r.hGetAll(savedViewKeys(site, '')[0]);
      const out: ListedView[] = [];
      for (const v of Object.values(all)) {
        const bar = v.indexOf('|');
        if (Number(v.slice(0, bar)) > now) out.push(JSON.parse(v.slice(bar + 1)) as ListedView);
      }
      return out.sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : 1));
    },
    async deleteView(id) {
      return (await r.run(DELETE_LUA, savedViewKeys(siteOfId(id), id), [id])) === 1;
    },
    async saveShare(share, { now, max }) {
      const keys = shareKeys(share.site, share.id);
      const until = share.expiresAt + SHARE_GRACE_MS;
      if (!(await save(keys, share.id, JSON.stringify(share), now, max, until, String(share.expiresAt))))
        throw new SavedFullError(`shares: this site keeps ${max} live links; revoke one first`);
    },
    async getShare(id) {
      return parse<StoredShare>(await r.get(shareKeys(siteOfId(id), id)[1]));
    },
    async listShares(site, now) {
      const ids = Object.entries(await r.hGetAll(shareKeys(site, '')[0]))
        .filter(([, until]) => Number(until) > now)
        .map(([id]) => shareKeys(site, id)[1]);
      const all = ids.length ? await r.mGet(ids) : [];
      return all
        .map((raw) => parse<StoredShare>(raw))
        .filter((s): s is StoredShare => !!s && s.revokedAt === undefined && s.expiresAt > now)
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    },
    async revokeShare(id, now) {
      const keys = shareKeys(siteOfId(id), id);
      const s = parse<StoredShare>(await r.get(keys[1]));
      if (!s || s.revokedAt !== undefined || s.expiresAt <= now) return false;
      return (await r.run(REVOKE_LUA, keys, [id, JSON.stringify({ ...s, revokedAt: now })])) === 1;
    },
  };
}
