import { LUA_KEYS } from '../redis-keys.js';

/**
 * Rank pages within their site, count the site's events per bucket of every level (each window's
 * series), and remember each page for
 * sweeps (`known`: path -> last write), for every batch written since the last call, at most once
 * per batch id (a batch retried after a lost reply is ranked once).
 *
 * KEYS[1] site prefix `hl:{site}`. ARGV: now, batchIdTtl, then the levels (see levels.ts), then
 * per batch: id, path, nPairs, then nPairs x (bucket, events).
 */
export const SITE_LUA = `
local sp = KEYS[1]
local now = tonumber(ARGV[1])
${LUA_KEYS}
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
  local fresh = redis.call('SET', K_rankBatch(sp, id), '1', 'NX', 'PX', ARGV[2])
  for j = 1, np do
    local b0, n = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
    i = i + 2
    if fresh then
      known[path] = true
      for _, l in ipairs(levels) do
        local b = b0 - (b0 % l.bms)
        if b >= l.start then
          local pk = K_rank(sp, l.name, b)
          rank[pk] = rank[pk] or {}
          rank[pk][path] = (rank[pk][path] or 0) + n
          ttl[pk] = b + l.nb * l.bms + 2 * l.bms - now
          local ek = l.name == '5m' and K_events(sp, b) or K_levelEvents(sp, l.name, b)
          events[ek] = (events[ek] or 0) + n
          ttl[ek] = ttl[pk]
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
for path in pairs(known) do redis.call('ZADD', K_known(sp), now, path) end
redis.call('PEXPIRE', K_known(sp), 2 * last.bms * last.nb)
return 1
`;
