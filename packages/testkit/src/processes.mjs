// Ports and child processes for suites and benchmarks that start whole programs (`pnpm start`, a
// fresh clone's README command). Plain JS so `node bench/<file>.mjs` imports it; types in
// processes.d.mts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Two free loopback ports and the environment `pnpm start` runs on with them: this process's
 * environment with PORT and SHOP_PORT set and REDIS_URL, REDIS_CLUSTER and HEATLENS_SITES emptied
 * (the built-in demo site, in memory), then `over`. Resolves to `{port, shopPort, env}`.
 */
export async function startEnv(over = {}) {
  const [port, shopPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    PORT: String(port),
    SHOP_PORT: String(shopPort),
    REDIS_URL: '',
    REDIS_CLUSTER: '',
    HEATLENS_SITES: '',
    ...over,
  };
  return { port, shopPort, env };
}

/** `spawn(command, args, options)` with stdout and stderr piped and gathered: `{child, output()}`. */
export function spawnGathering(command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/**
 * Resolve once the gathered output matches `pattern`, polling every 50 ms; reject with the last
 * 4,000 characters of it when the process exits first or after `timeoutMs` (default 20 s). `what`
 * names the process in the error.
 */
export async function waitForOutput({ child, output }, pattern, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}:\n${output().slice(-4000)}`);
    if (Date.now() > deadline)
      throw new Error(`${what} printed no ${pattern} in ${timeoutMs} ms:\n${output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
