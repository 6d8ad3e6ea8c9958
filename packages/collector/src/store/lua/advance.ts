import { GONE_MS } from '../../core/limits.js';
import { LEVELS_LUA } from './levels.js';

/**
 * The advance itself (see ADVANCE_LUA), shared by the advance and windowChanges scripts. Expects
 * `p`, `now`, `budget`, `CAP` and LEVELS_LUA; leaves `readAt` (the first argument after the
 * levels) and each level's edges in `L`. A watched page (key `w`) keeps each bucket that leaves a
 * level for GONE_MS (key `…:g`), so a delta read can tell which members moved; an unwatched page's
 * moves, a rebuild and a level's reset mark the page for resync (key `rs`) instead: delta readers
 * then read whole.
 */
export const ADVANCE_STEPS_LUA = `
local GONE = ${GONE_MS}
local readAt = readLevels(4)
local changed = false
local keepGone = redis.call('EXISTS', K_watched(p)) == 1
local lost = false

-- At most 'budget' members of a leaving bucket (a window level's bucket holds up to 10,000), and
-- whether they are all it has left.
local function someMembers(bk)
  local m = redis.call('ZRANGE', bk, 0, math.max(budget, 1) - 1, 'WITHSCORES')
  budget = budget - #m / 2
  return m, redis.call('ZCARD', bk) == #m / 2
end

-- A partly sealed bucket's queue keys, gone with its progress (it left, or its rolls were dropped).
local function dropQueue(l)
  local b = tonumber(redis.call('GET', K_sealing(p, l.name)))
  if not b then return end
  for _, st in ipairs(BUCKET_SETS) do redis.call('DEL', K_sealQueue(p, l.name, st[1], st[2], b)) end
  redis.call('DEL', K_sealing(p, l.name))
  l.q = nil
end

-- Seal live bucket b of level l into its rolls, at most 'budget' members a call. Its sets are first
-- queued whole (COPY, in Redis's own code: the queue is what the rolls lack of the bucket, and
-- writes meanwhile go to the queue or the rolls: levels.ts liveAdd); each call moves queued members
-- into the rolls. Reads take the queue for the bucket until it is wholly in. Returns whether it is.
local function sealSome(l, b)
  if l.q ~= b then
    dropQueue(l)
    for _, st in ipairs(BUCKET_SETS) do
      local bk = K_bucket(p, l.name, st[1], st[2], b)
      redis.call('COPY', bk, K_sealQueue(p, l.name, st[1], st[2], b), 'REPLACE')
    end
    redis.call('SET', K_sealing(p, l.name), b, 'PX', rollTtl(l))
    l.q = b
  end
  for _, st in ipairs(BUCKET_SETS) do
    local q = K_sealQueue(p, l.name, st[1], st[2], b)
    if redis.call('EXISTS', q) == 1 then
      if budget <= 0 then return false end
      local m = redis.call('ZPOPMIN', q, math.floor(budget))
      budget = budget - #m / 2
      for _, rk in ipairs(rollsOf(l, st[1], st[2])) do
        for j = 1, #m, 2 do capAdd(rk, m[j], m[j + 1]) end
        touch(rk, l, nil)
      end
      -- Members left queued: the next call goes on (ZPOPMIN deletes a key it drains).
      if redis.call('EXISTS', q) == 1 then return false end
    end
  end
  redis.call('DEL', K_sealing(p, l.name))
  l.q = nil
  return true
end

for k, l in ipairs(L) do
  local e = tonumber(redis.call('GET', K_edge(p, l.name)))
  if e then
    local _, s = edges(l)
    local newE = l.start
    -- Buckets before 'sealTo' belong in the rolls: the live level's all but its open ones, a longer
    -- level's all (it has a sealed edge only while its rolls are rebuilt).
    local sealTo = l.open and math.max(newE, l.cur - (l.open - 1) * l.bms) or (l.cur + l.bms)
    local oldest = l.start - l.slack - l.bms
    local rolled = e >= oldest
    if e < newE or s < sealTo then
      if not rolled then
        -- Buckets before 'oldest' expired unsubtracted: drop the rolls and rebuild them from the
        -- buckets still in the window, sealed in as the live level seals (at most 'budget' members
        -- a call, reads taking the buckets not yet in): a rebuild costs a call no more than a hop.
        changed = true
        lost = true
        dropRolls(l)
        dropQueue(l)
        e = oldest - (oldest % l.bms)
        s = math.min(s, newE)
      end
      -- Buckets leaving the level: out of its rolls (if they were in), whole into the next level.
      local b = e
      while b < newE and budget > 0 do
        local whole = true
        for _, st in ipairs(BUCKET_SETS) do
          -- Each set's bucket is deleted once moved: a call out of budget stops between sets,
          -- and the next one finds the moved sets empty and goes on with the rest.
          if budget <= 0 then
            whole = false
            break
          end
          local set, sg = st[1], st[2]
          local bk = K_bucket(p, l.name, set, sg, b)
          local m, all = someMembers(bk)
          if #m > 0 then
            changed = true
            for j = 1, #m, 2 do
              local n = tonumber(m[j + 1])
              if rolled and b < s then
                for _, rk in ipairs(rollsOf(l, set, sg)) do capSub(rk, m[j], n, set) end
              elseif rolled and b == l.q then
                -- Partly sealed: the rolls hold what its queue does not.
                local inRolls = n - (tonumber(redis.call('ZSCORE', K_sealQueue(p, l.name, set, sg, b), m[j])) or 0)
                if inRolls > 0 then
                  for _, rk in ipairs(rollsOf(l, set, sg)) do capSub(rk, m[j], inRolls, set) end
                end
              end
              put(k + 1, b, set, sg, m[j], n)
            end
            if not all then
              -- Out of budget inside the set: the moved members leave it, the next call moves the
              -- rest. A delta reader cannot tell which part left: it reads whole.
              lost = true
              redis.call('ZREMRANGEBYRANK', bk, 0, #m / 2 - 1)
              whole = false
              break
            elseif keepGone then
              local gk = K_gone(p, l.name, set, sg, b)
              redis.call('RENAME', bk, gk)
              if k == 1 then redis.call('HDEL', K_written(p), bk) end
              redis.call('PEXPIRE', gk, GONE)
              redis.call('DEL', bk .. ':n')
            else
              lost = true
              redis.call('DEL', bk, bk .. ':n')
            end
          end
        end
        if not whole then break end
        if b == l.q then dropQueue(l) end
        redis.call('DEL', K_visitors(p, l.name, b))
        b = b + l.bms
      end
      e = b
      -- Buckets past the open ones (a longer level's: while rebuilt): into the rolls (sealed).
      b = math.max(s, e)
      while b < sealTo and budget > 0 do
        if not sealSome(l, b) then break end
        b = b + l.bms
      end
      if l.open or (s ~= math.huge and b < sealTo) then
        l.s = b
        redis.call('SET', K_sealed(p, l.name), b, 'PX', rollTtl(l))
      elseif s ~= math.huge then
        -- A longer level rebuilt whole: it rolls every bucket again as it comes.
        l.s = math.huge
        redis.call('DEL', K_sealed(p, l.name))
      end
      l.e = e
      redis.call('SET', K_edge(p, l.name), e, 'PX', rollTtl(l))
      for _, r in ipairs(ROLLS) do
        local rk = K_roll(p, l.name, r[1], r[2])
        redis.call('PEXPIRE', rk, rollTtl(l))
        redis.call('PEXPIRE', rk .. ':n', rollTtl(l))
      end
    end
  end
end
if reset then lost = true end
countDropped()
applyTtls()
if lost then
  redis.call('INCR', K_resync(p))
  redis.call('PEXPIRE', K_resync(p), rollTtl(L[#L]))
end
local xk = K_moves(p)
if changed then
  redis.call('INCR', xk)
  redis.call('PEXPIRE', xk, rollTtl(L[#L]))
end
`;

/**
 * The head of the advance and windowChanges scripts: KEYS[1] the page prefix, ARGV now, budget,
 * familyCap, then the levels (levels.ts). Advances the page (ADVANCE_STEPS_LUA) and leaves
 * `readAt`, `live` (the live level) and `sealed`, its sealed edge.
 */
export const ADVANCE_HEAD_LUA = `
local p = KEYS[1]
local now = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
local CAP = tonumber(ARGV[3])
${LEVELS_LUA}
${ADVANCE_STEPS_LUA}
local live = L[1]
local sealed = live.s or math.max(live.start, live.cur - (live.open - 1) * live.bms)`;

/**
 * Advance a page's levels from their applied edges to `now`: every bucket that left a level is
 * subtracted from that level's rolls (members reaching 0 are dropped) and cascaded, whole, into
 * the next level that still holds it; every live bucket past the open ones is added to the live
 * level's rolls (sealed). Idempotent and atomic, so any collector may run it.
 *
 * Its work is bounded whatever the input: buckets hold at most CAP members per family, and a call
 * moves at most `budget` members of leaving buckets (stopping inside a set if need be: the moved
 * members leave it, and the page is marked for resync), leaving its edges where it stopped; the
 * next call goes on.
 *
 * A level whose edge is further behind than its buckets live (every collector was down) cannot be
 * subtracted bucket by bucket: its rolls are dropped and rebuilt from the buckets still in it,
 * sealed in under the same budget (the level keeps a sealed edge meanwhile; reads take the rest).
 *
 * KEYS[1] page prefix. ARGV: now, budget, familyCap, then the levels (see levels.ts), then reads:
 * (set, seg (`a`: all), levels in its window) each.
 * Returns {changeTag, sealed, then per read the bucket keys outside its rolls that exist}: a change tag
 * (`version:moves`) that changes whenever any window's content changed, and the live level's
 * sealed edge: a window is its levels' rolls plus the live buckets from there on.
 */
export const ADVANCE_LUA = `
${ADVANCE_HEAD_LUA}
local out = {(redis.call('GET', K_version(p)) or '0') .. ':' .. (redis.call('GET', xk) or '0'), sealed}
-- For each read asked for, the buckets of its levels not in their rolls that exist (reads skip the
-- others): the live level's open ones, and a longer level's not yet sealed while it is rebuilt.
local i = readAt
while i + 2 <= #ARGV do
  local set, sg, nk = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local segs = (sg == ALL and set ~= COUNTER) and SEGS or {sg}
  local keys = {}
  for k = 1, math.min(nk, #L) do
    local l = L[k]
    local from = (k == 1) and sealed or l.s
    if from and from ~= math.huge then
      for b = from, l.cur, l.bms do
        for _, g in ipairs(segs) do
          -- A partly sealed bucket is read from its queue: the rest of it is in the rolls.
          local key = (b == l.q) and K_sealQueue(p, l.name, set, g, b) or K_bucket(p, l.name, set, g, b)
          if redis.call('EXISTS', key) == 1 then keys[#keys + 1] = key end
        end
      end
    end
  end
  out[#out + 1] = keys
end
return out
`;
