/** Rolling keys of one window: each heatmap kind per segment plus `a` (all), and the counters. */
export const ROLLS_LUA = `local ROLLS = {'move:s','move:m','move:l','move:a','click:s','click:m','click:l','click:a','scroll:s','scroll:m','scroll:l','scroll:a','c:a'}`;

/**
 * Record one folded batch into a page's windows, atomically and at most once per batch id.
 *
 * KEYS[1] page prefix `hl:{site|path}` (every key below shares its hash tag).
 * ARGV: now, batchId, sid, seg, scrollBand (-1: none), scrollBucket, batchIdTtl, scrollTtl,
 *       nWindows, then per window (name, bucketMs, buckets, ttl), then items as (b, set, member, n).
 * Returns {duplicate (0/1), watched (0/1)}.
 *
 * Per window, an item goes to its bucket key and to the window's rolling key(s) only when its
 * bucket is at or after the window's applied edge: what the edge has passed was subtracted
 * already, so adding to it would be subtracted never.
 */
export const RECORD_LUA = `${ROLLS_LUA}
local p = KEYS[1]
local now = tonumber(ARGV[1])
local watched = redis.call('EXISTS', p .. ':w')
if not redis.call('SET', p .. ':b:' .. ARGV[2], '1', 'NX', 'PX', ARGV[7]) then
  return {1, watched}
end
local sid, seg = ARGV[3], ARGV[4]
local nWin = tonumber(ARGV[9])
local items = {}
local i = 10 + nWin * 4
while i + 3 <= #ARGV do
  items[#items + 1] = {tonumber(ARGV[i]), ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])}
  i = i + 4
end
local band = tonumber(ARGV[5])
if band >= 0 then
  local sk = p .. ':sm:' .. sid
  local prev = tonumber(redis.call('GET', sk) or '-1')
  for k = prev + 1, band do items[#items + 1] = {tonumber(ARGV[6]), 'scroll', tostring(k), 1} end
  redis.call('SET', sk, math.max(prev, band), 'PX', ARGV[8])
end
local maxTtl = 0
for w = 0, nWin - 1 do
  local name, bms = ARGV[10 + w * 4], tonumber(ARGV[11 + w * 4])
  local nb, ttl = tonumber(ARGV[12 + w * 4]), tonumber(ARGV[13 + w * 4])
  if ttl > maxTtl then maxTtl = ttl end
  local wp = p .. ':' .. name .. ':'
  local start = now - (now % bms) - (nb - 1) * bms
  local ek = wp .. 'e'
  local edge = tonumber(redis.call('GET', ek))
  if not edge then
    for _, r in ipairs(ROLLS) do redis.call('DEL', wp .. r .. ':r') end
    edge = start
    redis.call('SET', ek, start, 'PX', ttl)
  else
    redis.call('PEXPIRE', ek, ttl)
  end
  local lo = math.max(edge, start)
  local ttls = {}
  for _, it in ipairs(items) do
    local b = it[1] - (it[1] % bms)
    if b >= lo then
      local set = it[2]
      local sg = (set == 'c') and 'a' or seg
      local bttl = b + nb * bms + 2 * bms - now
      local bk = wp .. set .. ':' .. sg .. ':' .. b
      redis.call('ZINCRBY', bk, it[4], it[3])
      ttls[bk] = bttl
      local rk = wp .. set .. ':' .. sg .. ':r'
      redis.call('ZINCRBY', rk, it[4], it[3])
      ttls[rk] = ttl
      if sg ~= 'a' then
        local ak = wp .. set .. ':a:r'
        redis.call('ZINCRBY', ak, it[4], it[3])
        ttls[ak] = ttl
      end
      if set == 'c' and it[3] == 'ev' then
        local uk = wp .. 'u:' .. b
        redis.call('PFADD', uk, sid)
        ttls[uk] = bttl
      end
    end
  end
  for k, t in pairs(ttls) do redis.call('PEXPIRE', k, t) end
end
redis.call('INCR', p .. ':v')
redis.call('PEXPIRE', p .. ':v', maxTtl)
return {0, watched}
`;

/**
 * Rank a page within its site and count the site's events per bucket.
 * KEYS[1] site prefix `hl:{site}`. ARGV: now, path, nWindows, per window (name, bucketMs,
 * buckets, ttl), then (bucket, events) pairs.
 */
export const SITE_LUA = `
local sp = KEYS[1]
local now, path, nWin = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
for w = 0, nWin - 1 do
  local name, bms = ARGV[4 + w * 4], tonumber(ARGV[5 + w * 4])
  local nb = tonumber(ARGV[6 + w * 4])
  local start = now - (now % bms) - (nb - 1) * bms
  local i = 4 + nWin * 4
  while i + 1 <= #ARGV do
    local b0, n = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
    local b = b0 - (b0 % bms)
    if b >= start then
      local bttl = b + nb * bms + 2 * bms - now
      local pk = sp .. ':p:' .. name .. ':' .. b
      redis.call('ZINCRBY', pk, n, path)
      redis.call('PEXPIRE', pk, bttl)
      if name == '5m' then
        local ek = sp .. ':ev:' .. b
        redis.call('INCRBY', ek, n)
        redis.call('PEXPIRE', ek, bttl)
      end
    end
    i = i + 2
  end
end
return 1
`;
