// The one redis-server launcher: the suites (redis-server.ts), the overlay rig and the benchmarks
// (bench/lib/procs.mjs, which pins it to a core) all start Redis through it. Plain JS so `node bench/<file>.mjs`
// imports it; types in redis-launcher.d.mts.
import { spawn as spawnChild } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.mjs';

/** How long redis-server may take to say it accepts connections (ms). */
const READY_TIMEOUT_MS = 10_000;

/**
 * Start `redis-server` on a free loopback port, without persistence, in a fresh temporary directory, and
 * resolve once it accepts connections to `{url, port, pid, dir, process, stop()}`; `stop()` kills it
 * (SIGKILL) and removes the directory. Options: `args` (more redis-server arguments, default none),
 * `spawn` (how to start the process, default child_process.spawn; the benchmarks pin it to a core).
 * Rejects when it exits or is not ready within 10 s, with its output.
 */
export async function launchRedis({ args = [], spawn = spawnChild } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await new Promise((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), READY_TIMEOUT_MS);
      child.stdout.on('data', (chunk) => {
        log += chunk.toString();
        if (log.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${log}`));
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid,
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
