import { ADVANCE_HEAD_LUA } from './advance.js';

/**
 * Advance a page (as ADVANCE_LUA does), then answer what changed in one window of one set since a
 * cursor, reading only what moved: the live buckets from the cursor's sealed edge on (what was
 * written since, and the open buckets the window adds to its rolls) and, per level of the window,
 * the buckets that left it since the cursor's edges (kept whole for a watched page, keys `…:g`).
 * Of the open buckets only those written since the cursor (their stamp in `wv` past its write
 * sequence) are read whole. Every member found (and its family's `(other)`) is a candidate; its
 * count now is the window's rolls plus the open buckets (ZMSCORE, per key and 1,000 members).
 *
 * Full read instead (first return 1, no members) when the cursor is absent, from the future or
 * older than GONE_MS / 2, when the page was marked for resync since (key `rs`: a late write, an
 * unwatched move, a reset), when a level moved further than its kept buckets reach, or when more
 * than `maxChanges` members would be read: so the work is bounded by what it was given. Also when
 * the page's watch (its generation, key `w`) is not the cursor's: writes are stamped only under it.
 *
 * KEYS[1] page prefix. ARGV: now, budget, familyCap, the levels (levels.ts), then set, seg (`a`:
 * all), levels in the window, maxChanges, has cursor (0/1), then the cursor: now, sealed, resync,
 * write sequence, watch generation, each level's edge.
 * Returns {full (0/1), {now, sealed, resync, wseq, gen, edges...} (the next cursor), {member, count, ...}}
 * (counts as integers).
 */
export const WINDOW_CHANGES_LUA = `
${ADVANCE_HEAD_LUA}
local i = readAt
local set, sg, nk, maxN = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
local has = ARGV[i + 4] == '1'
local tA, sealedA, resyncA = tonumber(ARGV[i + 5]), tonumber(ARGV[i + 6]), ARGV[i + 7]
local wseqA, genA = tonumber(ARGV[i + 8]), ARGV[i + 9]
local resync = redis.call('GET', K_resync(p)) or '0'
local wseq = redis.call('GET', K_writeSeq(p)) or '0'
local gen = redis.call('GET', K_watched(p)) or '0'
local cursor = {tostring(now), tostring(sealed), resync, wseq, gen}
local edgesB = {}
for k = 1, nk do
  local l = L[k]
  local e = l.e or tonumber(redis.call('GET', K_edge(p, l.name))) or l.start
  edgesB[k] = e
  cursor[#cursor + 1] = tostring(e)
end
-- The watch's generation: writes are stamped (and moves kept) only while it lasts.
local full = not has or not tA or not sealedA or not wseqA or now < tA or now - tA > GONE / 2
  or resync ~= resyncA or gen ~= genA or gen == '0' or tonumber(wseq) < wseqA
-- A longer level being rebuilt (advance.ts) moves members into its rolls that scores here miss.
for k = 2, nk do
  if L[k].s and L[k].s ~= math.huge then full = true end
end

local segs = (sg == ALL) and SEGS or {sg}
-- Per member below: library functions as locals (a global is a table lookup each time).
local num, byte, rcall = tonumber, string.byte, redis.call
local cand, list, n = {}, {}, 0
local openSum = {}
local function add(x)
  if cand[x] then return end
  cand[x] = true
  n = n + 1
  list[n] = x
end
-- A bucket's members become candidates; an open bucket's counts also go to the sums.
local function take(key, open)
  if full then return end
  local c = redis.call('ZCARD', key)
  if c == 0 then return end
  if n + c > maxN then
    full = true
    return
  end
  local m = rcall('ZRANGE', key, 0, -1, 'WITHSCORES')
  for j = 1, #m, 2 do
    local x = m[j]
    if not cand[x] then
      n = n + 1
      list[n] = x
      cand[x] = true
      -- A roll may count the member as its family's (other): that one may have moved too. Page
      -- tiles (a digit or '-' first) belong to no family.
      local c1 = byte(x, 1)
      if not (c1 and ((c1 >= 48 and c1 <= 57) or c1 == 45)) then
        local fam = capFamily(x)
        if fam then add(otherOf(fam)) end
      end
    end
    if open then openSum[x] = (openSum[x] or 0) + num(m[j + 1]) end
  end
end

-- Open buckets not written since: their counts are read for the candidates only (ZMSCORE).
local quiet = {}
if not full then
  local from = math.min(math.max(sealedA, live.start), sealed)
  local keys = {}
  for b = from, live.cur, live.bms do
    for _, g in ipairs(segs) do keys[#keys + 1] = {b, K_bucket(p, live.name, set, g, b), g} end
  end
  local stamps = {}
  if #keys > 0 then
    local names = {}
    for j, kb in ipairs(keys) do names[j] = kb[2] end
    stamps = redis.call('HMGET', K_written(p), unpack(names))
  end
  for j, kb in ipairs(keys) do
    local b, key = kb[1], kb[2]
    -- Partly sealed: its members are in the rolls or its queue, which is scored with the rolls.
    local sealing = b == live.q
    local q = sealing and K_sealQueue(p, live.name, set, kb[3], b)
    if q and redis.call('EXISTS', q) == 1 then quiet[#quiet + 1] = q end
    -- Sealed since the cursor: its members may have been capped or remapped on the way in.
    if b < sealed or (tonumber(stamps[j]) or 0) > wseqA then
      take(key, b >= sealed and not sealing)
    elseif not sealing and redis.call('EXISTS', key) == 1 then
      quiet[#quiet + 1] = key
    end
  end
  for k = 1, nk do
    local l = L[k]
    local eA = tonumber(ARGV[i + 10 + k - 1])
    if not eA or eA > edgesB[k] or (edgesB[k] - eA) / l.bms > 2 + GONE / l.bms then
      full = true
    else
      for b = eA, edgesB[k], l.bms do
        for _, g in ipairs(segs) do take(K_gone(p, l.name, set, g, b), false) end
      end
    end
  end
end
if full then return {1, cursor, {}} end

local vals = {}
for j = 1, n do vals[j] = openSum[list[j]] or 0 end
local scored = {}
for k = 1, nk do scored[#scored + 1] = K_roll(p, L[k].name, set, sg) end
for _, key in ipairs(quiet) do scored[#scored + 1] = key end
for _, rk in ipairs(scored) do
  for c = 1, n, 1000 do
    local last = math.min(n, c + 999)
    local r = rcall('ZMSCORE', rk, unpack(list, c, last))
    local o = c - 1
    for j = c, last do
      local v = r[j - o]
      if v then vals[j] = vals[j] + num(v) end
    end
  end
end
-- Counts are whole (events counted): they go out as integers, no string to build or parse.
local out = {}
for j = 1, n do
  out[2 * j - 1] = list[j]
  out[2 * j] = vals[j]
end
return {0, cursor, out}
`;
