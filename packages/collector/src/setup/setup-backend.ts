/**
 * Where the setup tallies live: the collector's memory (the memory store), or Redis / Redis Cluster
 * (the shared store), so collectors behind one balancer count together and agree. Two operations:
 * a capped add of counts to one hash, and a read of several hashes (plus a key's value). On Redis
 * each is one script call; all keys of one call share a hash tag (`hl:{site}`), so it runs on one
 * Cluster node.
 */
export type SetupBackend = {
  /**
   * Add `counts` (field `reason\tdetail` -> n) to hash `key`, at most `cap` distinct details per
   * reason (the rest go to `reason\t` + OTHER); `last`, when given, sets `lastKey` to it if larger.
   * Both keys expire `ttlMs` after the write (`lastKey` after `lastTtlMs`).
   */
  add(
    key: string,
    counts: Map<string, number>,
    cap: number,
    ttlMs: number,
    last?: { key: string; ms: number; ttlMs: number },
  ): Promise<void>;
  /** Each hash of `keys` (missing: empty), and `lastKey`'s value (null when missing). */
  read(keys: string[], lastKey: string): Promise<{ hashes: Map<string, number>[]; last: number | null }>;
};

/** The detail that stands for every detail past the cap. */
export const OTHER = '(other)';
/** The field of a reason's distinct-details count. */
const DISTINCT = '#';

/** The tallies in this process's memory: the memory store's (one collector). */
export function memorySetupBackend(now: () => number = Date.now): SetupBackend {
  const hashes = new Map<string, { expires: number; fields: Map<string, number> }>();
  const lasts = new Map<string, { expires: number; ms: number }>();
  const live = <T extends { expires: number }>(m: Map<string, T>, k: string) => {
    const v = m.get(k);
    if (v && v.expires <= now()) m.delete(k);
    return v && v.expires > now() ? v : undefined;
  };
  return {
    async add(key, counts, cap, ttlMs, last) {
      // Expired hashes go as new ones are written: the map holds about an hour of minutes per site.
      for (const [k, v] of hashes) if (v.expires <= now()) hashes.delete(k);
      const h = live(hashes, key) ?? { expires: 0, fields: new Map<string, number>() };
      h.expires = now() + ttlMs;
      hashes.set(key, h);
      for (const [field, n] of counts) {
        const reason = field.slice(0, field.indexOf('\t'));
        const distinct = `${reason}\t${DISTINCT}`;
        let f = field;
        if (!h.fields.has(field)) {
          if ((h.fields.get(distinct) ?? 0) < cap) h.fields.set(distinct, (h.fields.get(distinct) ?? 0) + 1);
          else f = `${reason}\t${OTHER}`;
        }
        h.fields.set(f, (h.fields.get(f) ?? 0) + n);
      }
      if (last && last.ms > (live(lasts, last.key)?.ms ?? -1))
        lasts.set(last.key, { ms: last.ms, expires: now() + last.ttlMs });
    },
    async read(keys, lastKey) {
      const out = keys.map((k) => {
        const m = new Map(live(hashes, k)?.fields ?? []);
        for (const f of [...m.keys()]) if (f.endsWith(`\t${DISTINCT}`)) m.delete(f);
        return m;
      });
      return { hashes: out, last: live(lasts, lastKey)?.ms ?? null };
    },
  };
}

/** The one Redis call each operation makes; a node-redis client or cluster has it. */
export type EvalClient = { eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> };

// KEYS[1] the hash, KEYS[2] the last-accepted key (or the hash again); ARGV: cap, ttl, last ms
// (or ''), last ttl, then field, n pairs.
const ADD = `
local k, cap, ttl = KEYS[1], tonumber(ARGV[1]), ARGV[2]
for i = 5, #ARGV, 2 do
  local f, n = ARGV[i], tonumber(ARGV[i + 1])
  local reason = string.match(f, '^([^\\t]*)\\t')
  if redis.call('HEXISTS', k, f) == 0 then
    if tonumber(redis.call('HGET', k, reason .. '\\t${DISTINCT}') or '0') < cap then
      redis.call('HINCRBY', k, reason .. '\\t${DISTINCT}', 1)
    else
      f = reason .. '\\t${OTHER}'
    end
  end
  redis.call('HINCRBY', k, f, n)
end
redis.call('PEXPIRE', k, ttl)
if ARGV[3] ~= '' then
  local cur = tonumber(redis.call('GET', KEYS[2]) or '-1')
  if tonumber(ARGV[3]) > cur then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
end
return 1`;

// KEYS: the hashes, then the last-accepted key. Returns each hash's HGETALL, then the value.
const READ = `
local out = {}
for i = 1, #KEYS - 1 do out[i] = redis.call('HGETALL', KEYS[i]) end
out[#KEYS] = redis.call('GET', KEYS[#KEYS]) or ''
return out`;

/**
 * The tallies in Redis or Redis Cluster: shared by every collector on it. Tallies are added on
 * `client` and read on `reader` (default `client`): a connection of its own, so reads never
 * delay the writes queued on the other.
 */
export function redisSetupBackend(client: EvalClient, reader: EvalClient = client): SetupBackend {
  return {
    async add(key, counts, cap, ttlMs, last) {
      const args = [String(cap), String(ttlMs), last ? String(last.ms) : '', String(last?.ttlMs ?? 0)];
      for (const [f, n] of counts) args.push(f, String(n));
      await client.eval(ADD, { keys: [key, last?.key ?? key], arguments: args });
    },
    async read(keys, lastKey) {
      const reply = (await reader.eval(READ, { keys: [...keys, lastKey], arguments: [] })) as unknown[];
      const hashes = keys.map((_, i) => {
        const flat = (reply[i] ?? []) as string[];
        const m = new Map<string, number>();
        for (let j = 0; j + 1 < flat.length; j += 2)
          if (!flat[j]!.endsWith(`\t${DISTINCT}`)) m.set(flat[j]!, Number(flat[j + 1]));
        return m;
      });
      const last = reply[keys.length];
      return { hashes, last: last ? Number(last) : null };
    },
  };
}
