import { ROLLS_LUA } from './record.js';

/**
 * Advance one page window's rolling keys from the last applied edge to `now`: subtract each
 * bucket that left the window from its rolling keys and drop members that reach 0. Idempotent
 * and atomic, so any collector instance may run it at any time.
 *
 * KEYS[1] page prefix. ARGV: now, window name, bucketMs, buckets, ttl.
 * Returns a change token, `version:removals`, that moves whenever the window's content moved.
 */
export const ADVANCE_LUA = `${ROLLS_LUA}
local p = KEYS[1]
local now, bms, nb = tonumber(ARGV[1]), tonumber(ARGV[3]), tonumber(ARGV[4])
local wp = p .. ':' .. ARGV[2] .. ':'
local start = now - (now % bms) - (nb - 1) * bms
local ek, xk = wp .. 'e', wp .. 'x'
local edge = tonumber(redis.call('GET', ek))
if edge and edge < start then
  local changed = false
  if start - edge >= nb * bms then
    for _, r in ipairs(ROLLS) do
      if redis.call('DEL', wp .. r .. ':r') > 0 then changed = true end
    end
  else
    for b = edge, start - bms, bms do
      for _, r in ipairs(ROLLS) do
        local set, sg = string.match(r, '^(%w+):(%w)$')
        if sg ~= 'a' or set == 'c' then
          local bk = wp .. set .. ':' .. sg .. ':' .. b
          local m = redis.call('ZRANGE', bk, 0, -1, 'WITHSCORES')
          if #m > 0 then
            changed = true
            local rk, ak = wp .. r .. ':r', wp .. set .. ':a:r'
            for j = 1, #m, 2 do
              local n = tonumber(m[j + 1])
              if tonumber(redis.call('ZINCRBY', rk, -n, m[j])) <= 0 then redis.call('ZREM', rk, m[j]) end
              if sg ~= 'a' and tonumber(redis.call('ZINCRBY', ak, -n, m[j])) <= 0 then redis.call('ZREM', ak, m[j]) end
            end
            redis.call('DEL', bk)
          end
        end
      end
      redis.call('DEL', wp .. 'u:' .. b)
    end
  end
  redis.call('SET', ek, start, 'KEEPTTL')
  if changed then
    redis.call('INCR', xk)
    redis.call('PEXPIRE', xk, ARGV[5])
  end
end
return (redis.call('GET', p .. ':v') or '0') .. ':' .. (redis.call('GET', xk) or '0')
`;
