export { startCollector, type Collector } from './server.js';
export { resolveConfig, optionsFromEnv, validateSites, DEFAULTS, type CollectorOptions, type SiteConfig } from './config.js';
export { createMemoryStore } from './store/memory.js';
export { createRedisStore, type RedisLike, type RedisStoreOptions } from './store/redis.js';
export { StoreUnavailableError, type Store, type RecordResult } from './store/types.js';
export { foldBatch, type FoldedBatch } from './fold.js';
export { bucketOf, bucketsIn, windowStart, WINDOW_SPECS } from './windows.js';
