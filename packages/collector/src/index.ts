export { startCollector, type Collector } from './server.js';
export { optionsFromEnv, workersFromEnv } from './config-env.js';
export {
  resolveConfig,
  validateSites,
  DEFAULTS,
  DEFAULT_LIVE_LIMITS,
  DEFAULT_RATE_LIMITS,
  type CollectorOptions,
  type LiveLimits,
  type RateLimitOptions,
  type SiteConfig,
} from './config.js';
export { createMemoryStore } from './store/memory.js';
export { createRedisStore, type RedisStoreOptions } from './store/redis.js';
export { StoreUnavailableError, type Store, type RecordResult, type RedisLike } from './store/types.js';
export { foldBatch, type FoldedBatch } from './core/fold.js';
export { bucketOf, bucketsIn, windowStart, WINDOW_SPECS } from './core/windows.js';
