import { BATCH_ID_TTL_MS } from '../limits.js';
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
-- counted over the level's own buckets instead of cascaded).
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
while i + 2 <= #ARGV do
  local b0, set, count = tonumber(ARGV[i]), ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local bk, rk, ak = target(1, b0, set, (set == 'c') and 'a' or seg)
  for j = 1, count do
    local member = ARGV[i]
    if bk then add(bk, rk, ak, member, ARGV[i + 1]) end
    if set == 'c' and member == 'ev' then visit(b0) end
    i = i + 2
  end
end
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
 * Rank a page within its site, count the site's events per bucket, and remember the page for
 * sweeps (`known`: path -> last write).
 * KEYS[1] site prefix `hl:{site}`; KEYS[2] the batch's id key under it (`hl:{site}:rb:<id>`): the
 * page write and this one are separate steps (different hash tags), so this one dedupes on its
 * own and is retried even when the page write was a duplicate (it may have failed in between).
 * ARGV: now, path, nWindows, per window (name, bucketMs, buckets, slack), then (bucket, events) pairs.
 * Returns 1 when it counted, 0 for a batch it had counted already.
 */
export const SITE_LUA = `
local sp = KEYS[1]
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ${BATCH_ID_TTL_MS}) then return 0 end
local now, path, nWin = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
redis.call('ZADD', sp .. ':known', now, path)
redis.call('PEXPIRE', sp .. ':known', tonumber(ARGV[4 + (nWin - 1) * 4 + 1]) * tonumber(ARGV[4 + (nWin - 1) * 4 + 2]) * 2)
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
