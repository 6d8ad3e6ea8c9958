import { LEVELS_LUA } from './levels.js';

/**
 * Advance a page's levels from their applied edges to `now`: every bucket that left a level is
 * subtracted from that level's rolling keys (members reaching 0 are dropped) and cascaded, whole,
 * into the next level that still holds it. Idempotent and atomic, so any collector may run it.
 *
 * A level whose edge is further behind than its buckets live (every collector was down) cannot be
 * subtracted bucket by bucket: its rolling keys are rebuilt from the buckets still in the window.
 *
 * KEYS[1] page prefix. ARGV: now, then the levels (see levels.ts).
 * Returns a change token, `version:moves`, that changes whenever any window's content changed.
 */
export const ADVANCE_LUA = `
local p = KEYS[1]
local now = tonumber(ARGV[1])
${LEVELS_LUA}
readLevels(2)
-- Members that reach 0 leave the rolling key; scroll's difference array may hold negatives.
local function drop(key, member, score, set)
  local v = tonumber(score)
  if v == 0 or (v < 0 and set ~= 'scroll') then redis.call('ZREM', key, member) end
end
local xk = p .. ':x'
local changed = false
for k, l in ipairs(L) do
  local edge = tonumber(redis.call('GET', l.wp .. 'e'))
  if edge and edge < l.start then
    local oldest = l.start - l.slack - l.bms
    local from = edge
    if edge < oldest then
      -- Buckets before 'oldest' expired unsubtracted: rebuild the rolling keys from what is left.
      changed = true
      for _, r in ipairs(ROLLS) do redis.call('DEL', l.wp .. r .. ':r') end
      for b = l.start, now, l.bms do
        for _, s in ipairs(BUCKET_SETS) do
          local bk = l.wp .. s[1] .. ':' .. s[2] .. ':' .. b
          if redis.call('EXISTS', bk) == 1 then
            local rk, ak = l.wp .. s[1] .. ':' .. s[2] .. ':r', l.wp .. s[1] .. ':a:r'
            redis.call('ZUNIONSTORE', rk, 2, rk, bk)
            if s[2] ~= 'a' then redis.call('ZUNIONSTORE', ak, 2, ak, bk) end
          end
        end
      end
      from = oldest - (oldest % l.bms)
    end
    for b = from, l.start - l.bms, l.bms do
      for _, s in ipairs(BUCKET_SETS) do
        local set, sg = s[1], s[2]
        local bk = l.wp .. set .. ':' .. sg .. ':' .. b
        local m = redis.call('ZRANGE', bk, 0, -1, 'WITHSCORES')
        if #m > 0 then
          changed = true
          local rk, ak = l.wp .. set .. ':' .. sg .. ':r', l.wp .. set .. ':a:r'
          for j = 1, #m, 2 do
            local n = tonumber(m[j + 1])
            if edge >= oldest then
              drop(rk, m[j], redis.call('ZINCRBY', rk, -n, m[j]), set)
              if sg ~= 'a' then drop(ak, m[j], redis.call('ZINCRBY', ak, -n, m[j]), set) end
            end
            put(k + 1, b, set, sg, m[j], n)
          end
          redis.call('DEL', bk)
        end
      end
      redis.call('DEL', l.wp .. 'u:' .. b)
    end
    redis.call('SET', l.wp .. 'e', l.start, 'PX', rollTtl(l))
    for _, r in ipairs(ROLLS) do redis.call('PEXPIRE', l.wp .. r .. ':r', rollTtl(l)) end
  end
end
applyTtls()
if changed then
  redis.call('INCR', xk)
  redis.call('PEXPIRE', xk, rollTtl(L[#L]))
end
return (redis.call('GET', p .. ':v') or '0') .. ':' .. (redis.call('GET', xk) or '0')
`;
