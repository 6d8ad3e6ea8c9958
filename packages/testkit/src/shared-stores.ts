import { redisClusterAvailable, startRedisCluster } from './redis-cluster.js';
import { redisAvailable, startRedis } from './redis-server.js';

/** A store that several collectors share: the options that point a collector at it, and `stop()`. */
export type SharedStore = { redisUrl?: string; redisCluster?: string[]; stop(): Promise<void> };

/** One kind of shared store a suite runs against. */
export type SharedStoreKind = {
  /** For test titles: "one Redis", "a 3-primary Redis Cluster". */
  name: string;
  /** Whether it can run here (HEATLENS_REQUIRE_REDIS=1 turns a missing binary into an error). */
  available: () => boolean;
  /** A private, empty store (never REDIS_URL's: suites assert exact counts). */
  start: () => Promise<SharedStore>;
};

/**
 * Every store several collectors can share, for suites that run once per store:
 * `for (const store of SHARED_STORES) describe.runIf(store.available())(...)`.
 */
export const SHARED_STORES: readonly SharedStoreKind[] = [
  {
    name: 'one Redis',
    available: redisAvailable,
    start: async () => {
      const r = await startRedis();
      return { redisUrl: r.url, stop: r.stop };
    },
  },
  {
    name: 'a 3-primary Redis Cluster',
    available: redisClusterAvailable,
    start: async () => {
      const c = await startRedisCluster();
      return { redisCluster: c.seeds, stop: c.stop };
    },
  },
];
