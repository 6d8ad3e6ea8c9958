import { createClient } from 'redis';
import { KEY_PATTERNS } from '../store/redis-keys.js';

/**
 * Every key on the given Redis nodes (each primary of a cluster) that has no TTL, and every key
 * whose name is not in the vocabulary of keys.ts. Scans with SCAN, so it suits a test's dataset.
 */
export async function scanKeys(urls: string[]): Promise<{ keys: number; noTtl: string[]; unknown: string[] }> {
  const noTtl: string[] = [];
  const unknown: string[] = [];
  let keys = 0;
  for (const url of urls) {
    const client = await createClient({ url })
      .on('error', () => {})
      .connect();
    try {
      for await (const batch of client.scanIterator({ COUNT: 1000 })) {
        const names = batch as unknown as string[];
        // Asked all at once (one pipeline), not one round trip per key.
        const ttls = await Promise.all(names.map((key) => client.pTTL(key)));
        names.forEach((key, i) => {
          keys++;
          if (ttls[i] === -1) noTtl.push(key);
          if (!KEY_PATTERNS.some((re) => re.test(key))) unknown.push(key);
        });
      }
    } finally {
      client.destroy();
    }
  }
  return { keys, noTtl, unknown };
}
