/**
 * Mark a page watched for `ttl` ms: a new watch gets the generation `gen` (kept while renewed in
 * time), a running one only its TTL renewed. windowChanges tells a lapsed watch by its generation.
 *
 * KEYS[1] the page's watched key. ARGV: gen, ttl.
 */
export const WATCH_LUA = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
`;
