// The collector under test, from its sources (run with `node --import tsx`), configured by the
// environment as `heatlens-collector` is (REDIS_URL, HEATLENS_SITES), with quiet logs.
// BENCH_HOP_MS overrides the live push interval (default: the collector's own).
import { announce, exitOnSignal } from './ready.mjs';

const entry = process.env.BENCH_COLLECTOR_ENTRY ?? new URL('../../packages/collector/src/index.ts', import.meta.url).href;
const { startCollector, optionsFromEnv } = await import(entry);
const options = optionsFromEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
if (process.env.BENCH_HOP_MS) options.hopMs = Number(process.env.BENCH_HOP_MS);
const collector = await startCollector({ ...options, logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn' });
announce({ url: collector.url, store: options.redisUrl ? 'redis' : 'memory' });
exitOnSignal(() => collector.close());
