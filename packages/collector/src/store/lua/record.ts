import { LEVELS_LUA } from './levels.js';

/**
 * Record one folded batch into a page's windows, atomically and at most once per batch id.
 *
 * KEYS[1] page prefix `hl:{site|path}` (every key below shares its hash tag).
 * ARGV: now, batchId, sid, seg, scrollBand (-1: none), scrollBucket, batchIdTtl, scrollTtl,
 *       then the levels (see levels.ts), then groups of increments sharing a bucket and set:
 *       (b, set, count, then count x (member, n)), so each key name is built once per group.
 * Returns {duplicate (0/1), watched (0/1)}.
 */
export const RECORD_LUA = `
local p = KEYS[1]
local now = tonumber(ARGV[1])
${LEVELS_LUA}
local watched = redis.call('EXISTS', p .. ':w')
if not redis.call('SET', p .. ':b:' .. ARGV[2], '1', 'NX', 'PX', ARGV[7]) then
  return {1, watched}
end
local sid, seg = ARGV[3], ARGV[4]
local i = readLevels(9)
-- Visitors: one HyperLogLog per bucket of every level (they cannot be subtracted, so they are
-- counted over the level's own buckets instead of cascaded). Only the batch's newest bucket needs
-- the session: every window ends at now, so a window holding an older bucket holds the newest.
local function visit(b0)
  for _, l in ipairs(L) do
    local b = b0 - (b0 % l.bms)
    if b >= l.start then
      local uk = l.wp .. 'u:' .. b
      redis.call('PFADD', uk, sid)
      ttls[uk] = b + l.ms + l.slack - now
    end
  end
end
local newest
while i + 2 <= #ARGV do
  local b0, set, count = tonumber(ARGV[i]), ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local bk, rk, ak = target(1, b0, set, (set == 'c') and 'a' or seg)
  if set == 'c' and (not newest or b0 > newest) then newest = b0 end
  for j = 1, count do
    if bk then add(bk, rk, ak, ARGV[i], ARGV[i + 1]) end
    i = i + 2
  end
end
if newest then visit(newest) end
-- Scroll: a difference array over bands (see build-heatmap.ts): +1 where the session's reach
-- starts growing, -1 past its new deepest band.
local band = tonumber(ARGV[5])
if band >= 0 then
  local sk = p .. ':sm:' .. sid
  local prev = tonumber(redis.call('GET', sk) or '-1')
  if band > prev then
    put(1, tonumber(ARGV[6]), 'scroll', seg, tostring(prev + 1), 1)
    put(1, tonumber(ARGV[6]), 'scroll', seg, tostring(band + 1), -1)
    redis.call('SET', sk, band, 'PX', ARGV[8])
  else
    redis.call('PEXPIRE', sk, ARGV[8])
  end
end
applyTtls()
redis.call('INCR', p .. ':v')
redis.call('PEXPIRE', p .. ':v', rollTtl(L[#L]))
return {0, watched}
`;

/**
 * Rank pages within their site, count the site's events per bucket, and remember each page for
 * sweeps (`known`: path -> last write), for every batch written since the last call, at most once
 * per batch id (a batch retried after a lost reply is ranked once).
 *
 * KEYS[1] site prefix `hl:{site}`. ARGV: now, batchIdTtl, then the levels (see levels.ts), then
 * per batch: id, path, nPairs, then nPairs x (bucket, events).
 */
export const SITE_LUA = `
local sp = KEYS[1]
local now = tonumber(ARGV[1])
local nL = tonumber(ARGV[3])
local levels = {}
for k = 1, nL do
  local o = 4 + (k - 1) * 4
  local l = {name = ARGV[o], bms = tonumber(ARGV[o + 1]), nb = tonumber(ARGV[o + 2])}
  l.start = now - (now % l.bms) - (l.nb - 1) * l.bms
  levels[k] = l
end
local rank, events, ttl, known = {}, {}, {}, {}
local i = 4 + nL * 4
while i + 2 <= #ARGV do
  local id, path, np = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local fresh = redis.call('SET', sp .. ':rb:' .. id, '1', 'NX', 'PX', ARGV[2])
  for j = 1, np do
    local b0, n = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
    i = i + 2
    if fresh then
      known[path] = true
      for _, l in ipairs(levels) do
        local b = b0 - (b0 % l.bms)
        if b >= l.start then
          local pk = sp .. ':p:' .. l.name .. ':' .. b
          rank[pk] = rank[pk] or {}
          rank[pk][path] = (rank[pk][path] or 0) + n
          ttl[pk] = b + l.nb * l.bms + 2 * l.bms - now
          if l.name == '5m' then
            local ek = sp .. ':ev:' .. b
            events[ek] = (events[ek] or 0) + n
            ttl[ek] = ttl[pk]
          end
        end
      end
    end
  end
end
for pk, paths in pairs(rank) do
  for path, n in pairs(paths) do redis.call('ZINCRBY', pk, n, path) end
end
for ek, n in pairs(events) do redis.call('INCRBY', ek, n) end
for k, t in pairs(ttl) do redis.call('PEXPIRE', k, math.floor(t)) end
local last = levels[nL]
for path in pairs(known) do redis.call('ZADD', sp .. ':known', now, path) end
redis.call('PEXPIRE', sp .. ':known', 2 * last.bms * last.nb)
return 1
`;
