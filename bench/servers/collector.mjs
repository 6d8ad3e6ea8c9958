// The collector under test, from its sources (run with `node --import tsx`), configured by the
// environment as `heatlens-collector` is (REDIS_URL, HEATLENS_SITES), with quiet logs.
// BENCH_HOP_MS overrides the live push interval (default: the collector's own).
// BENCH_RATE_LIMITS: `default` (the collector's own), `high` (limits counted on every request as
// in production, but too high to trip: throughput runs measure ingest, not the limiter), `off`,
// or `proxy` (the defaults, client addresses taken from X-Forwarded-For as behind a proxy).
// BENCH_LIVE_LIMITS=high lifts the bounds on open /live sockets (to measure what each one costs).
// BENCH_COLLECTOR_ENTRY: another entry instead of the sources' index.ts, e.g. the build's
// packages/collector/dist/index.js (then started without tsx: lib/procs.mjs).
import { announce, exitOnSignal } from './ready.mjs';

const entry =
  process.env.BENCH_COLLECTOR_ENTRY ?? new URL('../../packages/collector/src/index.ts', import.meta.url).href;
const { startCollector, optionsFromEnv } = await import(entry);
const options = optionsFromEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
if (process.env.BENCH_HOP_MS) options.hopMs = Number(process.env.BENCH_HOP_MS);
const HIGH = { points: 1_000_000_000, seconds: 10 };
const limits = process.env.BENCH_RATE_LIMITS ?? 'default';
if (limits === 'high') options.rateLimits = { writesPerIp: HIGH, writesPerSite: HIGH, readsPerToken: HIGH };
else if (limits === 'off') options.rateLimits = false;
else if (limits === 'proxy') options.rateLimits = { trustProxy: true };
if (process.env.BENCH_LIVE_LIMITS === 'high')
  options.liveLimits = { socketsPerToken: 1e6, pathsPerToken: 1e6, sockets: 1e6, paths: 1e6 };
const collector = await startCollector({ ...options, logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn' });
announce({ url: collector.url, store: options.redisUrl ? 'redis' : 'memory' });
exitOnSignal(() => collector.close());
