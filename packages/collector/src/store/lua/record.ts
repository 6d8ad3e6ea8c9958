import { LEVELS_LUA } from './levels.js';

/**
 * Record one or more folded batches of one page (a group commit), atomically and at most once per
 * batch id: every id is checked first; when any is known, nothing is written and the known ids are
 * returned, so the caller answers those as duplicates and commits the rest again.
 *
 * KEYS[1] page prefix `hl:{site|path}` (every key below shares its hash tag).
 * ARGV: now, batchIdTtl, scrollTtl, familyCap, then the levels (see levels.ts), then nBatches and
 *       per batch (id, sid, seg, scrollBand (-1: none), scrollBucket, newestBucket (-1: none)),
 *       then groups of summed increments sharing a bucket, set and segment:
 *       (b, set, seg, count, then count x (member, n)), so each key name is built once per group.
 * Returns {watched (0/1), then the known batch ids (none: everything was written)}.
 */
export const RECORD_LUA = `
local p = KEYS[1]
local now = tonumber(ARGV[1])
local CAP = tonumber(ARGV[4])
${LEVELS_LUA}
local watched = redis.call('EXISTS', K_watched(p))
local i = readLevels(5)
local nb = tonumber(ARGV[i])
i = i + 1
local batches = {}
local known = {watched}
for j = 1, nb do
  local o = i + (j - 1) * 6
  local b = {
    id = ARGV[o], sid = ARGV[o + 1], seg = ARGV[o + 2],
    band = tonumber(ARGV[o + 3]), sb = tonumber(ARGV[o + 4]), newest = tonumber(ARGV[o + 5])
  }
  batches[j] = b
  if redis.call('EXISTS', K_batch(p, b.id)) == 1 then known[#known + 1] = b.id end
end
if #known > 1 then return known end
i = i + nb * 6
for _, b in ipairs(batches) do redis.call('SET', K_batch(p, b.id), '1', 'PX', ARGV[2]) end

-- Visitors: one HyperLogLog per bucket of every level (they cannot be subtracted, so they are
-- counted over the level's own buckets instead of cascaded). Only a batch's newest bucket needs
-- the session: every window ends at now, so a window holding an older bucket holds the newest.
local visits = {}
for _, bt in ipairs(batches) do
  if bt.newest >= 0 then
    for _, l in ipairs(L) do
      local b = bt.newest - (bt.newest % l.bms)
      if b >= l.start then
        local uk = K_visitors(p, l.name, b)
        if not visits[uk] then visits[uk] = {l = l, b = b, sids = {}} end
        table.insert(visits[uk].sids, bt.sid)
      end
    end
  end
end
for uk, v in pairs(visits) do
  redis.call('PFADD', uk, unpack(v.sids))
  touch(uk, v.l, v.b)
end

while i + 3 <= #ARGV do
  local b0, set, sg, count = tonumber(ARGV[i]), ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  i = i + 4
  local l, b, bk, rolls, q = target(1, b0, set, sg)
  if l then
    touch(bk, l, b)
    if watched == 1 then stamp(l, b, bk, set) end
    local add = capAdd
    for j = i, i + 2 * count - 2, 2 do
      local m, n = ARGV[j], ARGV[j + 1]
      local kept = add(bk, m, n)
      -- Into a partly sealed bucket: its queue, or the rolls (levels.ts liveAdd).
      if q and kept then liveAdd(l, set, sg, q, m, n) end
      -- A late increment (its bucket already sealed) also goes to the rolls.
      if rolls then
        for _, rk in ipairs(rolls) do
          add(rk, m, n)
          touch(rk, l, nil)
        end
      end
    end
  end
  i = i + 2 * count
end

-- Scroll: a difference array over bands (see build-heatmap.ts): +1 where the session's reach
-- starts growing, -1 past its new deepest band. Mirrors scrollIncrements of build-heatmap.ts (the
-- memory store's path): describe-store.ts's scroll-map test holds both stores to one answer.
for _, bt in ipairs(batches) do
  if bt.band >= 0 then
    local sk = K_scrollMax(p, bt.sid)
    local prev = tonumber(redis.call('GET', sk) or '-1')
    if bt.band > prev then
      put(1, bt.sb, SCROLL, bt.seg, tostring(prev + 1), 1)
      put(1, bt.sb, SCROLL, bt.seg, tostring(bt.band + 1), -1)
      if watched == 1 then
        local sl, sb, sk = target(1, bt.sb, SCROLL, bt.seg)
        if sl then stamp(sl, sb, sk, SCROLL) end
      end
      redis.call('SET', sk, bt.band, 'PX', ARGV[3])
    else
      redis.call('PEXPIRE', sk, ARGV[3])
    end
  end
end
countDropped()
applyTtls()
-- A write a delta read cannot follow (see levels.ts: a remap inside an open bucket it can), so
-- windowChanges readers resync.
if wseq then redis.call('PEXPIRE', K_written(p), rollTtl(L[1])) end
if late or reset then
  redis.call('INCR', K_resync(p))
  redis.call('PEXPIRE', K_resync(p), rollTtl(L[#L]))
end
-- The change tag's first half: any new value will do, and a batch id is new.
redis.call('SET', K_version(p), batches[1].id, 'PX', rollTtl(L[#L]))
return known
`;
