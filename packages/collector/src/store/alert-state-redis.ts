import { alertKeys } from './redis-keys.js';
import type { AlertState } from './types.js';

// A site's alert keys share its hash tag, so each step is one Lua call on one cluster node:
//   :al:on   hash  id -> firing body (JSON)
//   :al:cd   hash  id -> cooldown end (ms)
//   :al:log  list  recent bodies, newest first
// Each key lives a week past its last write; a silent site's alerts are forgotten after that.
const TTL_MS = 7 * 24 * 3600_000;

/** The end of opening or closing: log the notice's body (the newest `keep`), every key for `ttl` more. */
const LOG_NOTICE_LUA = `
redis.call('LPUSH', KEYS[3], ARGV[2])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 1`;

/** KEYS on, cd, log; ARGV id, body, now, keep, ttl. 1 when this call opened the alert. */
export const OPEN_ALERT_LUA = `
local until_ = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if until_ > tonumber(ARGV[3]) then return 0 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
${LOG_NOTICE_LUA}`;

/** KEYS on, cd, log; ARGV id, body, now, keep, ttl, cooldown end. 1 when this call closed it. */
export const CLOSE_ALERT_LUA = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
local now = tonumber(ARGV[3])
local cd = redis.call('HGETALL', KEYS[2])
for i = 1, #cd, 2 do if tonumber(cd[i + 1]) <= now then redis.call('HDEL', KEYS[2], cd[i]) end end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[6])
${LOG_NOTICE_LUA}`;

/** KEYS on; ARGV id, body, ttl. 1 when the alert was firing (its body replaced). */
export const UPDATE_ALERT_LUA = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** What the Redis alert state needs: a script runner (EVALSHA with fallback) and two reads. */
export type AlertRedis = {
  run(source: string, keys: string[], args: string[]): Promise<unknown>;
  hVals(key: string): Promise<string[]>;
  lRange(key: string, start: number, stop: number): Promise<string[]>;
};

/** Alert state in Redis or Redis Cluster, shared by every collector on it. */
export function createRedisAlertState(r: AlertRedis): AlertState {
  const keys = alertKeys;
  return {
    async open(site, id, body, { now, keep }) {
      return (await r.run(OPEN_ALERT_LUA, keys(site), [id, body, String(now), String(keep), String(TTL_MS)])) === 1;
    },
    async close(site, id, body, { now, cooldownMs, keep }) {
      return (
        (await r.run(CLOSE_ALERT_LUA, keys(site), [
          id,
          body,
          String(now),
          String(keep),
          String(TTL_MS),
          String(now + cooldownMs),
        ])) === 1
      );
    },
    async update(site, id, body) {
      return (await r.run(UPDATE_ALERT_LUA, [keys(site)[0]!], [id, body, String(TTL_MS)])) === 1;
    },
    async list(site) {
      const [on, , log] = keys(site);
      const [firing, recent] = await Promise.all([r.hVals(on!), r.lRange(log!, 0, -1)]);
      return { firing, recent };
    },
  };
}
