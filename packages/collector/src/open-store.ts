import type { Logger } from 'pino';
import type { ResolvedConfig } from './config.js';
import type { RetentionOf } from './core/retention.js';
import type { PageLimits } from './store/page-cap.js';
import { connectRedis, type RedisConnection } from './store/redis-client.js';
import { createMemoryStore } from './store/memory.js';
import { createRedisStore } from './store/redis.js';
import type { Store } from './store/types.js';

/** The store a collector runs on, with the Redis connections it opened (none for the memory store). */
export type OpenedStore = {
  store: Store;
  /** the write connection (commands, rate limits, the setup log); undefined on the memory store */
  redis?: RedisConnection;
  /** reads on a connection of their own (`redisReadConnection`), so a heavy read never queues ahead of a write */
  redisReads?: RedisConnection;
};

/**
 * Open the collector's store: Redis (or Redis Cluster) when `redisUrl` / `redisCluster` is set, else
 * the in-process memory store. Rejects when Redis cannot be reached (connectRedis).
 */
export async function openStore(
  config: ResolvedConfig,
  deps: {
    log: Logger;
    /** a store command's duration in seconds, by operation */
    observe: (op: string, seconds: number) => void;
    pageLimits: (site: string) => PageLimits;
    /** a site's retention, asked at each write (the site registry may be replaced on reload) */
    retentionOf: RetentionOf;
  },
): Promise<OpenedStore> {
  const { pageLimits, retentionOf } = deps;
  if (!config.redisUrl && !config.redisCluster?.length)
    return {
      store: createMemoryStore({ grid: config.grid, maxPages: config.maxPagesPerSite, pageLimits, retentionOf }),
    };
  const open = () =>
    connectRedis({
      url: config.redisUrl,
      cluster: config.redisCluster,
      commandTimeoutMs: config.commandTimeoutMs,
      log: deps.log,
    });
  const [redis, redisReads] = await Promise.all([open(), config.redisReadConnection ? open() : undefined]);
  const store = createRedisStore({
    client: redis.client,
    readClient: redisReads?.client,
    readTimeoutMs: config.readDeadlineMs,
    ping: redis.ping,
    grid: config.grid,
    observe: deps.observe,
    timeoutMs: config.commandTimeoutMs,
    maxPages: config.maxPagesPerSite,
    pageLimits,
    retentionOf,
  });
  return { store, redis, redisReads };
}
