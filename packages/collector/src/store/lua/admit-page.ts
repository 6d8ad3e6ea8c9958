/**
 * Admit a page into a site's pages of one 5-minute bucket, up to the cap.
 * KEYS[1] `hl:{site}:pg:<bucket>` (a set, under the site's hash tag). ARGV: path, maxPages,
 * ttlMs, the fallback page. Returns the page to count under: the path, or the fallback.
 */
export const ADMIT_PAGE_LUA = `
local k = KEYS[1]
if redis.call('SISMEMBER', k, ARGV[1]) == 1 then return ARGV[1] end
if redis.call('SCARD', k) < tonumber(ARGV[2]) then
  redis.call('SADD', k, ARGV[1])
  redis.call('PEXPIRE', k, ARGV[3])
  return ARGV[1]
end
return ARGV[4]
`;
