// The benchmarks use the collector's own Redis and WebSocket clients (same versions as
// production), resolved from its package rather than declared a second time.
import { createRequire } from 'node:module';

const fromCollector = createRequire(new URL('../../packages/collector/package.json', import.meta.url));
const fromRoot = createRequire(new URL('../../package.json', import.meta.url));

/** node-redis, as the collector pins it. */
export const redis = fromCollector('redis');
/** ws, as the collector pins it. */
export const WebSocket = fromCollector('ws');
/** autocannon, installed at the root. */
export const autocannon = fromRoot('autocannon');
