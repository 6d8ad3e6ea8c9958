import { execFileSync, type ChildProcess } from 'node:child_process';
import { freePort } from './processes.mjs';
import { launchRedis } from './redis-launcher.mjs';

/** A throwaway redis-server for tests. */
export type TestRedis = { url: string; port: number; dir: string; process?: ChildProcess; stop(): Promise<void> };

/** A free TCP port on loopback (from processes.mjs, where the benchmarks import it too). */
export { freePort };

/** True when a `redis-server` binary is on PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync('which', ['redis-server'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Redis suites run: with REDIS_URL set, against it; otherwise against a redis-server this
 * harness starts. With HEATLENS_REQUIRE_REDIS=1 a missing server is an error, never a skip.
 */
export function redisAvailable(): boolean {
  if (process.env.REDIS_URL || hasRedisServer()) return true;
  if (process.env.HEATLENS_REQUIRE_REDIS === '1') {
    throw new Error('HEATLENS_REQUIRE_REDIS=1 but there is no redis-server on PATH and REDIS_URL is unset');
  }
  return false;
}

/**
 * Start `redis-server` on a free loopback port (no persistence unless `args` asks for it), or
 * use REDIS_URL when set. Resolves once the server accepts connections.
 */
export async function startRedis(args: string[] = []): Promise<TestRedis> {
  if (process.env.REDIS_URL && args.length === 0) {
    const url = process.env.REDIS_URL;
    return { url, port: Number(new URL(url).port || 6379), dir: '', stop: async () => {} };
  }
  return launchRedis({ args });
}
