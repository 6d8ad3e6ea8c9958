import { SEGMENTS } from '@heatlens/schema';
import { LUA_KEYS, luaList } from '../redis-keys.js';

/*
 * The capture steps of the Redis store (store/captures-redis.ts). A put is two steps: one on the
 * page's node (image, meta, the segment's list), one on the site's (the site's index and bounds);
 * the captures the site step evicts are then dropped on their pages' nodes. Between the steps a
 * failure can leave a capture uncounted or counted but gone: both are bounded by the TTL.
 */

/**
 * Store a capture under its page. KEYS[1] page prefix. ARGV: key, meta JSON, image (binary),
 * ttlMs, now, perSegment, seg. Keeps the newest `perSegment` of the segment and returns the keys
 * of those it dropped (their meta and image deleted).
 */
export const CAPTURE_PUT_LUA = `
local pre = KEYS[1]
${LUA_KEYS}
local key, ttl, now, keep = ARGV[1], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local list = K_captureList(pre, ARGV[7])
local top = redis.call('ZREVRANGE', list, 0, 0, 'WITHSCORES')
local score = now
if top[2] and tonumber(top[2]) >= score then score = tonumber(top[2]) + 1 end
redis.call('SET', K_captureImage(pre, key), ARGV[3], 'PX', ttl)
redis.call('SET', K_captureMeta(pre, key), ARGV[2], 'PX', ttl)
redis.call('ZREMRANGEBYSCORE', list, '-inf', '(' .. (now - tonumber(ttl)))
redis.call('ZADD', list, score, key)
local old = redis.call('ZRANGE', list, 0, -keep - 1)
for _, k in ipairs(old) do redis.call('DEL', K_captureMeta(pre, k), K_captureImage(pre, k)) end
if #old > 0 then redis.call('ZREMRANGEBYRANK', list, 0, #old - 1) end
redis.call('PEXPIRE', list, ttl)
return old
`;

/**
 * Count a stored capture in its site and evict the site's oldest past its bounds. KEYS[1] site
 * prefix. ARGV: id, bytes, now, ttlMs, perSite, siteBytes, then ids its page step dropped.
 * Returns the evicted ids (the caller drops them on their pages).
 */
export const CAPTURE_SITE_LUA = `
local sp = KEYS[1]
${LUA_KEYS}
local index, sizes = K_siteCaptures(sp), K_siteCaptureBytes(sp)
local id, now, ttl = ARGV[1], tonumber(ARGV[3]), ARGV[4]
local perSite, siteBytes = tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 7, #ARGV do
  redis.call('ZREM', index, ARGV[i])
  redis.call('HDEL', sizes, ARGV[i])
end
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. (now - tonumber(ttl)))) do
  redis.call('ZREM', index, gone)
  redis.call('HDEL', sizes, gone)
end
local top = redis.call('ZREVRANGE', index, 0, 0, 'WITHSCORES')
local score = now
if top[2] and tonumber(top[2]) >= score then score = tonumber(top[2]) + 1 end
redis.call('ZADD', index, score, id)
redis.call('HSET', sizes, id, ARGV[2])
local n, total = redis.call('ZCARD', index), 0
for _, b in ipairs(redis.call('HVALS', sizes)) do total = total + tonumber(b) end
local evicted = {}
while n > 1 and (n > perSite or total > siteBytes) do
  local oldest = redis.call('ZRANGE', index, 0, 0)[1]
  total = total - tonumber(redis.call('HGET', sizes, oldest) or '0')
  redis.call('ZREM', index, oldest)
  redis.call('HDEL', sizes, oldest)
  n = n - 1
  evicted[#evicted + 1] = oldest
end
redis.call('PEXPIRE', index, ttl)
redis.call('PEXPIRE', sizes, ttl)
return evicted
`;

/** Drop captures of one page. KEYS[1] page prefix. ARGV: their keys. */
export const CAPTURE_DROP_LUA = `
local pre = KEYS[1]
${LUA_KEYS}
for _, k in ipairs(ARGV) do
  redis.call('DEL', K_captureMeta(pre, k), K_captureImage(pre, k))
  for _, seg in ipairs(${luaList(SEGMENTS)}) do redis.call('ZREM', K_captureList(pre, seg), k) end
end
return #ARGV
`;

/**
 * A page's captures of every segment. KEYS[1] page prefix. Returns a flat list of (score, key,
 * meta JSON), skipping captures whose meta expired.
 */
export const CAPTURE_LIST_LUA = `
local pre = KEYS[1]
${LUA_KEYS}
local out = {}
for _, seg in ipairs(${luaList(SEGMENTS)}) do
  local list = redis.call('ZRANGE', K_captureList(pre, seg), 0, -1, 'WITHSCORES')
  for i = 1, #list, 2 do
    local meta = redis.call('GET', K_captureMeta(pre, list[i]))
    if meta then
      out[#out + 1] = list[i + 1]
      out[#out + 1] = list[i]
      out[#out + 1] = meta
    end
  end
end
return out
`;
