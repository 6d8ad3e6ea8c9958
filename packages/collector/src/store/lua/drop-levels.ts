import { LEVELS_LUA } from './levels.js';

/**
 * Free a page's levels its site no longer keeps (its `retentionDays` was lowered): every roll,
 * `:n` hash, edge, bucket and visitors HLL of those levels, by name (they share the page's hash
 * tag, so this runs on one Cluster node), UNLINKed in chunks. A level without an edge was never
 * written (or expired whole) and costs one GET. The page's change-tag keys get the TTL of the
 * longest level kept, if theirs is longer.
 *
 * KEYS[1] page prefix. ARGV: now, TTL of the change tag (longest level kept + its slack), then the
 * levels to drop as levels.ts reads them (count, open (unused: 0), then name, bucketMs, buckets,
 * slackMs each). Returns the number of keys freed.
 */
export const DROP_LEVELS_LUA = `
local p = KEYS[1]
local now = tonumber(ARGV[1])
local keptTtl = tonumber(ARGV[2])
local CAP = 0
${LEVELS_LUA}
readLevels(3)
local freed, chunk = 0, {}
local function drop(key)
  chunk[#chunk + 1] = key
  if #chunk >= 500 then
    freed = freed + redis.call('UNLINK', unpack(chunk))
    chunk = {}
  end
end
for _, l in ipairs(L) do
  local e = tonumber(redis.call('GET', K_edge(p, l.name)))
  if e then
    for _, r in ipairs(ROLLS) do
      local rk = K_roll(p, l.name, r[1], r[2])
      drop(rk)
      drop(rk .. ':n')
    end
    drop(K_edge(p, l.name))
    drop(K_sealed(p, l.name))
    drop(K_sealing(p, l.name))
    -- Buckets before the edge left the level (advance deleted them); one more for a late cascade.
    local first = math.min(e, l.start) - l.bms
    for b = first - (first % l.bms), l.cur, l.bms do
      for _, st in ipairs(BUCKET_SETS) do
        local bk = K_bucket(p, l.name, st[1], st[2], b)
        drop(bk)
        drop(bk .. ':n')
        drop(K_sealQueue(p, l.name, st[1], st[2], b))
      end
      drop(K_visitors(p, l.name, b))
    end
  end
end
if #chunk > 0 then freed = freed + redis.call('UNLINK', unpack(chunk)) end
for _, k in ipairs({K_version(p), K_moves(p)}) do
  if redis.call('PTTL', k) > keptTtl then redis.call('PEXPIRE', k, keptTtl) end
end
return freed
`;
