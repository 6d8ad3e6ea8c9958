import { LUA_KEYS } from '../redis-keys.js';

/**
 * Admit a page into a site's pages (page-cap.ts). A page written within `recentMs` (in the site's
 * known pages) is admitted at once; a new path takes one of the `maxNew` places of its 5-minute
 * bucket, or counts as the fallback page. Admitting a new path into a full set of known pages
 * evicts the least recently written one, so the known pages (and the sweep's work) stay bounded.
 *
 * Of the `maxNew` places, `reserve` are kept for paths a second session comes back to (page-cap.ts
 * RESERVED_PAGE_SHARE): past the first-come places a new path is noted with its session
 * (`S:pc:<b>`, at most 4 x maxNew) and admitted (`S:pr:<b>`) when another session writes it.
 *
 * KEYS[1] site prefix `hl:{site}`. ARGV: path, now, maxNew, maxKnown, bucket, bucketTtlMs,
 * knownTtlMs, recentMs, the fallback page, session id, reserve. Returns the page to count under.
 */
export const ADMIT_PAGE_LUA = `
local sp = KEYS[1]
${LUA_KEYS}
local path, now = ARGV[1], tonumber(ARGV[2])
local known = K_known(sp)
local seen = tonumber(redis.call('ZSCORE', known, path))
if seen and seen >= now - tonumber(ARGV[8]) then return path end
local pg = K_admitted(sp, ARGV[5])
if redis.call('SISMEMBER', pg, path) == 1 then return path end
local maxNew, reserve, sid = tonumber(ARGV[3]), tonumber(ARGV[11]), ARGV[10]
local pr = K_admittedReserved(sp, ARGV[5])
local inReserve = redis.call('SCARD', pr)
if redis.call('SCARD', pg) - inReserve >= maxNew - reserve then
  local notes = K_pageNotes(sp, ARGV[5])
  local first = redis.call('HGET', notes, path)
  if not first or first == sid or inReserve >= reserve then
    if not first and redis.call('HLEN', notes) < 4 * maxNew then
      redis.call('HSET', notes, path, sid)
      redis.call('PEXPIRE', notes, ARGV[6])
    end
    return ARGV[9]
  end
  redis.call('HDEL', notes, path)
  redis.call('SADD', pr, path)
  redis.call('PEXPIRE', pr, ARGV[6])
end
redis.call('SADD', pg, path)
redis.call('PEXPIRE', pg, ARGV[6])
local over = redis.call('ZCARD', known) - tonumber(ARGV[4]) + 1
if not seen and over > 0 then redis.call('ZPOPMIN', known, over) end
redis.call('ZADD', known, now, path)
redis.call('PEXPIRE', known, ARGV[7])
return path
`;
