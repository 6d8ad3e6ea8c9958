import { LUA_FAMILIES } from '../../core/counters.js';
import { SEGMENTS } from '@heatlens/schema';
import { LUA_KEYS, luaList } from '../redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS, PAGE_SETS } from '../../core/set-names.js';
import { MAX_TILES_PER_BUCKET, MAX_TILES_PER_WINDOW } from '../../core/limits.js';

// A page window's sets as Lua tables, from the one list in keys.ts: every bucket's (set, seg) and
// every rolling key (each pair, plus a heatmap set's all-segments sum `a`; counters only `c:a`).
const segsOf = (set: string) => (set === COUNTER_SET ? [ALL_SEG_KEY] : [...SEGMENTS]);
const pair = (set: string, seg: string) => `{'${set}','${seg}'}`;
const BUCKET_SETS = PAGE_SETS.flatMap((set) => segsOf(set).map((seg) => pair(set, seg))).join(',');
const ROLLS = PAGE_SETS.flatMap((set) => [...new Set([...segsOf(set), ALL_SEG_KEY])].map((seg) => pair(set, seg))).join(
  ',',
);

/**
 * Lua shared by the record and advance scripts: the window levels, where an increment lands, and
 * the capped add.
 *
 * Levels are the windows, shortest first (5m of 5 s buckets, 1h of 1 min, 24h of 15 min, 30d of
 * 6 h). A write lands in one bucket of the live level only. The live level's rolling keys hold its
 * **sealed** buckets, those older than its last OPEN buckets: advance (run where windows are read,
 * and by the sweep) adds each bucket to the rolls once it is sealed, and reads union the rolls with
 * the open buckets. So an increment costs one write; only a late one (into a sealed bucket) also
 * writes the rolls. As a bucket leaves a level it is subtracted from that level's rolls and added,
 * whole, to the next level's bucket and rolls. A window of level k is the union of levels 1..k.
 *
 * Expects `p` (page prefix), `now`, `CAP` (distinct members per family), and `ARGV[first..]` =
 * nLevels, open (buckets of the live level kept out of its rolls), then per level (name, bucketMs,
 * buckets, slackMs): slack is how long a bucket outlives its level, waiting for a sweep.
 */
export const LEVELS_LUA = `
${LUA_KEYS}
${LUA_FAMILIES}
local SEGS, ALL = ${luaList(SEGMENTS)}, '${ALL_SEG_KEY}'
local MOVE, SCROLL, COUNTER = '${HEAT_SETS.move}', '${HEAT_SETS.scroll}', '${COUNTER_SET}'
local BUCKET_SETS = {${BUCKET_SETS}}
local ROLLS = {${ROLLS}}
local L = {}
-- What a delta read cannot follow (windowChanges asks for a full read after either): a level's
-- edges reset, a write into a sealed bucket or a longer level.
local reset, late = false, false

local function readLevels(first)
  local n = tonumber(ARGV[first])
  local open = tonumber(ARGV[first + 1])
  for k = 1, n do
    local o = first + 2 + (k - 1) * 4
    local l = {
      k = k, name = ARGV[o], bms = tonumber(ARGV[o + 1]), nb = tonumber(ARGV[o + 2]), slack = tonumber(ARGV[o + 3])
    }
    l.ms = l.bms * l.nb
    l.cur = now - (now % l.bms)
    l.start = l.cur - (l.nb - 1) * l.bms
    -- The live level seals all but its last 'open' buckets; longer levels roll every bucket.
    if k == 1 then l.open = open end
    L[k] = l
  end
  return first + 2 + n * 4
end

-- Rolling keys and edges live as long as their level plus its slack, refreshed as they move.
local function rollTtl(l) return l.ms + l.slack end
local function bucketTtl(l, b) return b + l.ms + l.slack - now end

-- A key written with a TTL fixed by its name gets it once (PTTL is a read; PEXPIRE a write).
local function ttlOnce(key, t)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, math.max(1, math.floor(t))) end
end

-- A watched page's open live buckets remember the write that last touched them (P:wv, sequence
-- P:ws, once per call), so windowChanges reads only the buckets written since its cursor.
local wseq
local function stamp(l, b, bk, set)
  if l.k ~= 1 or set == COUNTER or b < (l.s or math.huge) then return end
  if not wseq then
    wseq = redis.call('INCR', K_writeSeq(p))
    redis.call('PEXPIRE', K_writeSeq(p), rollTtl(l))
  end
  redis.call('HSET', K_written(p), bk, wseq)
end

-- Returns how many keys it deleted.
local function dropRolls(l)
  local gone = 0
  for _, r in ipairs(ROLLS) do
    local rk = K_roll(p, l.name, r[1], r[2])
    gone = gone + redis.call('DEL', rk, rk .. ':n')
  end
  return gone
end

-- The level's edges: buckets before 'e' have left its rolls; buckets before 's' are in them.
-- A level seen for the first time (or whose keys expired) starts at its window with empty rolls.
local function edges(l)
  if l.e then return l.e, l.s end
  local e = tonumber(redis.call('GET', K_edge(p, l.name)))
  local s
  if not e then
    -- A level met for the first time (or whose keys expired) drops no content: no resync then.
    if dropRolls(l) > 0 then reset = true end
    e = l.start
    redis.call('SET', K_edge(p, l.name), e, 'PX', rollTtl(l))
    if l.open then redis.call('SET', K_sealed(p, l.name), e, 'PX', rollTtl(l)) end
  end
  -- The live level seals its buckets into its rolls as they close; a longer level has a sealed
  -- edge only while its rolls are rebuilt (advance.ts), bucket by bucket, after they were lost.
  local sv = tonumber(redis.call('GET', K_sealed(p, l.name)))
  if l.open or sv then
    s = sv or e
    -- The bucket at the sealed edge may be partly sealed: its members not yet in the rolls wait in
    -- its queue keys (…:q), named by the level's seal key.
    local q = tonumber(redis.call('GET', K_sealing(p, l.name)))
    if q == s then l.q = q end
  else
    s = math.huge
  end
  l.e, l.s = e, s
  return e, s
end

-- Tiles (tx:ty, f:tx:ty) are bounded per key by ZCARD (O(1)): MAX_TILES_PER_BUCKET in a live
-- bucket, MAX_TILES_PER_WINDOW in a roll or a longer level's bucket. Past it a new tile is dropped
-- and counted in tilesDropped (the caller adds it to the page's 'tdrop' counter).
local tilesDropped = 0
local function isTile(m)
  return string.find(m, '^%-?%d+:%-?%d+$') ~= nil or string.find(m, '^f:%-?%d+:%-?%d+$') ~= nil
end
local function tileCap(key)
  local tail = string.match(key, '}:(.*)$') or ''
  if string.sub(tail, -2) ~= ':r' and string.sub(tail, 1, #L[1].name + 1) == L[1].name .. ':' then
    return ${MAX_TILES_PER_BUCKET}
  end
  return ${MAX_TILES_PER_WINDOW}
end
local function tileFull(key, m, n)
  if redis.call('ZSCORE', key, m) or redis.call('ZCARD', key) < tileCap(key) then return false end
  tilesDropped = tilesDropped + math.abs(tonumber(n))
  return true
end

local hashes = {}
-- Add n to member in a zset, counting a capped family's members in the key's ':n' hash (whose
-- TTL the caller sets with the zset's): past CAP distinct members, a new one counts as (other).
local function capAdd(key, m, n)
  if isTile(m) then
    if tileFull(key, m, n) then return nil end
    return redis.call('ZINCRBY', key, n, m)
  end
  local fam, cap = capFamily(m)
  if fam and not redis.call('ZSCORE', key, m) then
    local hk = key .. ':n'
    if tonumber(redis.call('HGET', hk, fam) or '0') >= (cap or CAP) then
      m = otherOf(fam)
    else
      redis.call('HINCRBY', hk, fam, 1)
      hashes[hk] = key
    end
  end
  return redis.call('ZINCRBY', key, n, m)
end

-- Subtract n from member of a roll; a member that reaches 0 leaves it (scroll's difference array
-- may hold negatives). A member the roll counted as (other) is subtracted from (other).
local function capSub(key, m, n, set)
  local fam = capFamily(m)
  if fam and not redis.call('ZSCORE', key, m) then m = otherOf(fam) end
  local v = tonumber(redis.call('ZINCRBY', key, -n, m))
  if v == 0 or (v < 0 and set ~= SCROLL) then
    redis.call('ZREM', key, m)
    if fam and m ~= otherOf(fam) then redis.call('HINCRBY', key .. ':n', fam, -1) end
  end
end

-- Rolls an increment of (set, seg) at level l goes to: the segment's, and the all-segments one.
local function rollsOf(l, set, sg)
  local a = K_roll(p, l.name, set, ALL)
  if sg == ALL then return {a} end
  return {K_roll(p, l.name, set, sg), a}
end

-- The first level from k0 on whose window still holds the bucket of b0, with the bucket's key, the
-- rolls an increment must also go to (none while the bucket is open, else its set's rolls) and,
-- for a partly sealed bucket, its queue key (see liveAdd).
local function target(k0, b0, set, sg)
  for k = k0, #L do
    local l = L[k]
    local b = b0 - (b0 % l.bms)
    local e, s = edges(l)
    if b >= e and b >= l.start then
      if k > 1 or b < s then late = true end
      local bk = K_bucket(p, l.name, set, sg, b)
      local q = (l.q == b) and K_sealQueue(p, l.name, set, sg, b) or nil
      return l, b, bk, (b < s) and rollsOf(l, set, sg) or nil, q
    end
  end
  return nil
end

-- Keys written by an increment get their TTL once per call, here.
local touched = {}
local function touch(key, l, b) touched[key] = b and bucketTtl(l, b) or -rollTtl(l) end
local function applyTtls()
  for key, t in pairs(touched) do
    if t > 0 then ttlOnce(key, t) else redis.call('PEXPIRE', key, -t) end
  end
  -- A family count lives as long as the zset it counts.
  for hk, key in pairs(hashes) do
    local t = redis.call('PTTL', key)
    if t > 0 then redis.call('PEXPIRE', hk, t) else redis.call('DEL', hk) end
  end
end

-- The tiles dropped by this call, into the live bucket of 'now' as the counter 'tdrop'.
local function countDropped()
  if tilesDropped > 0 then
    local l, b, bk = target(1, now, COUNTER, ALL)
    if l then
      redis.call('ZINCRBY', bk, tilesDropped, 'tdrop')
      touch(bk, l, b)
    end
    tilesDropped = 0
  end
end

-- An increment into a partly sealed bucket (queue q): a member still queued counts there too (the
-- queue is what the rolls lack of the bucket); one already sealed, or new, goes to the rolls.
local function liveAdd(l, set, sg, q, m, n)
  if redis.call('ZSCORE', q, m) then
    redis.call('ZINCRBY', q, n, m)
    return
  end
  for _, rk in ipairs(rollsOf(l, set, sg)) do
    capAdd(rk, m, n)
    touch(rk, l, nil)
  end
end

-- Add n to member in the first level from k0 on that holds the bucket of b0. Returns its level.
local function put(k0, b0, set, sg, m, n)
  local l, b, bk, rolls, q = target(k0, b0, set, sg)
  if not l then return nil end
  local kept = capAdd(bk, m, n)
  touch(bk, l, b)
  if q and kept then liveAdd(l, set, sg, q, m, n) end
  if rolls then
    for _, rk in ipairs(rolls) do
      capAdd(rk, m, n)
      touch(rk, l, nil)
    end
  end
  return l.k
end
`;
