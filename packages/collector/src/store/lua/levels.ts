import { SEGMENTS } from '@heatlens/schema';
import { COUNTER_SET, PAGE_SETS } from '../../keys.js';

// A page window's sets as Lua tables, from the one list in keys.ts: every rolling key
// (`set:seg`, with `a` the all-segments sum; counters only `c:a`) and every bucket's (set, seg).
const segsOf = (set: string) => (set === COUNTER_SET ? ['a'] : [...SEGMENTS]);
const ROLLS = PAGE_SETS.flatMap((set) => [...new Set([...segsOf(set), 'a'])].map((seg) => `'${set}:${seg}'`)).join(',');
const BUCKET_SETS = PAGE_SETS.flatMap((set) => segsOf(set).map((seg) => `{'${set}','${seg}'}`)).join(',');

/**
 * Lua shared by the record and advance scripts: the window levels and how an increment lands in
 * the first level that still holds its bucket.
 *
 * Levels are the windows, shortest first (5m of 5 s buckets, 1h of 1 min, 24h of 15 min, 30d of
 * 6 h). A write goes to the live level only; as a bucket leaves a level it is subtracted from that
 * level's rolling keys and added, whole and coalesced, to the next level's bucket. So a window of
 * level k is the union of the rolling keys of levels 1..k, and a batch costs three writes per
 * increment whatever the number of windows.
 *
 * Expects `p` (page prefix), `now`, and `ARGV[first..]` = nLevels, then per level (name, bucketMs,
 * buckets, slackMs): slack is how long a bucket outlives its level, waiting for a sweep to cascade it.
 */
export const LEVELS_LUA = `
local ROLLS = {${ROLLS}}
local BUCKET_SETS = {${BUCKET_SETS}}
local L = {}
local function readLevels(first)
  local n = tonumber(ARGV[first])
  for k = 1, n do
    local o = first + 1 + (k - 1) * 4
    local l = {name = ARGV[o], bms = tonumber(ARGV[o + 1]), nb = tonumber(ARGV[o + 2]), slack = tonumber(ARGV[o + 3])}
    l.ms = l.bms * l.nb
    l.wp = p .. ':' .. l.name .. ':'
    l.start = now - (now % l.bms) - (l.nb - 1) * l.bms
    L[k] = l
  end
  return first + 1 + n * 4
end

local ttls = {}
-- Rolling keys and edges get their TTL when a level's edge moves (advance.ts), not per write: a
-- sweep moves every active page's edges well within it.
local function rollTtl(l) return l.ms + l.slack end

-- The lowest bucket start a level accepts: its applied edge, or its window start. A level seen for
-- the first time (or whose keys expired) starts at its window start with empty rolling keys.
local function lo(l)
  if l.lo then return l.lo end
  local edge = tonumber(redis.call('GET', l.wp .. 'e'))
  if not edge then
    for _, r in ipairs(ROLLS) do redis.call('DEL', l.wp .. r .. ':r') end
    edge = l.start
    redis.call('SET', l.wp .. 'e', edge, 'PX', rollTtl(l))
  end
  l.lo = math.max(edge, l.start)
  return l.lo
end

-- The first level from k0 on whose window still holds the bucket of b0, with its keys for a set
-- and segment: the bucket, the segment's rolling key, and the all-segments one (or nil).
local function target(k0, b0, set, sg)
  for k = k0, #L do
    local l = L[k]
    local b = b0 - (b0 % l.bms)
    if b >= lo(l) then
      local sp = l.wp .. set .. ':'
      local bk = sp .. sg .. ':' .. b
      ttls[bk] = b + l.ms + l.slack - now
      return bk, sp .. sg .. ':r', (sg ~= 'a') and (sp .. 'a:r') or nil, k
    end
  end
  return nil
end

local function add(bk, rk, ak, member, n)
  redis.call('ZINCRBY', bk, n, member)
  redis.call('ZINCRBY', rk, n, member)
  if ak then redis.call('ZINCRBY', ak, n, member) end
end

-- Add n to member in the first level from k0 on whose window still holds the bucket of b0.
local function put(k0, b0, set, sg, member, n)
  local bk, rk, ak, k = target(k0, b0, set, sg)
  if bk then add(bk, rk, ak, member, n) end
  return k
end

local function applyTtls()
  for key, t in pairs(ttls) do
    if t > 0 then redis.call('PEXPIRE', key, math.floor(t)) else redis.call('DEL', key) end
  end
end
`;
