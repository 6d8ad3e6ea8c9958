import { createClient } from 'redis';
import { KEY_PATTERNS } from '../store/redis-keys.js';

/** Every key on the given Redis nodes (each primary of a cluster) with its TTL in ms (-1: none). */
export async function keyTtls(urls: string[]): Promise<Array<{ key: string; ttl: number }>> {
  const out: Array<{ key: string; ttl: number }> = [];
  for (const url of urls) {
    const client = await createClient({ url })
      .on('error', () => {})
      .connect();
    try {
      for await (const batch of client.scanIterator({ COUNT: 1000 })) {
        const names = batch as unknown as string[];
        // Asked all at once (one pipeline), not one round trip per key.
        const ttls = await Promise.all(names.map((key) => client.pTTL(key)));
        names.forEach((key, i) => out.push({ key, ttl: ttls[i]! }));
      }
    } finally {
      client.destroy();
    }
  }
  return out;
}

/**
 * Every key on the given Redis nodes that has no TTL, and every key whose name is not in the
 * vocabulary of redis-keys.ts. Scans with SCAN, so it suits a test's dataset.
 */
export async function scanKeys(urls: string[]): Promise<{ keys: number; noTtl: string[]; unknown: string[] }> {
  const all = await keyTtls(urls);
  return {
    keys: all.length,
    noTtl: all.filter((k) => k.ttl === -1).map((k) => k.key),
    unknown: all.filter((k) => !KEY_PATTERNS.some((re) => re.test(k.key))).map((k) => k.key),
  };
}
