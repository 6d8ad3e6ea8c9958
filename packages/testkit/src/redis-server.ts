import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.mjs';

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
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
