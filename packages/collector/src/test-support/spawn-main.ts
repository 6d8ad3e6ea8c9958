import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { SITES } from '@heatlens/testkit/collector';
import { freePort, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

const RUN_MAIN = fileURLToPath(new URL('./run-main.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/heatlens-collector.js', import.meta.url));
const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));

// What tsconfig.build.json leaves out of the build.
const UNBUILT = /\.test\.ts$|\/(test-support|contract)$/;

/** Last change of a file or of the newest built source file under a folder; 0 when missing. */
function changed(path: string): number {
  if (UNBUILT.test(path)) return 0;
  try {
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((name) => changed(join(path, name))));
  } catch {
    return 0;
  }
}

/**
 * True when the collector's build (and the schema's, which it imports) is newer than every source
 * file it is built from: `heatlens-collector` itself can then run, without tsx's start-up (tens of
 * seconds on a loaded machine). CI builds first; a stale or missing build runs the sources.
 */
const builtIsFresh = () =>
  ['collector', 'schema'].every(
    (pkg) => changed(join(PACKAGES, pkg, 'src')) < changed(join(PACKAGES, pkg, 'dist', 'index.js')),
  );

/** A collector process started by `spawnMain`. */
export type MainProcess = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Its exit code and when it exited (`Date.now()`). */
  exited: Promise<{ code: number | null; at: number }>;
};

/** True once the process answers `GET /healthz` with 200 (the default readiness of `spawnMain`). */
export const healthy = (p: MainProcess): Promise<boolean> =>
  fetch(`${p.url}/healthz`).then(
    (r) => r.status === 200,
    () => false,
  );

/**
 * Start the collector as `heatlens-collector` does (that command when its build is up to date, else
 * run-main.ts under tsx) on a free loopback port,
 * with `env` over this process's environment (PORT is set here). Resolves once `ready` holds
 * (default: `/healthz` answers 200), polling every 50 ms; throws with the process's output, and
 * kills it, when it exits first or is not ready within 15 s. The caller stops it (a signal).
 */
export async function spawnMain(
  env: Record<string, string>,
  ready: (p: MainProcess) => boolean | Promise<boolean> = healthy,
): Promise<MainProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, builtIsFresh() ? [BIN] : ['--import', 'tsx', RUN_MAIN], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const p: MainProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited: new Promise((r) => child.once('exit', (code) => r({ code, at: Date.now() }))),
  };
  for (let i = 0; !(await ready(p)); i++) {
    if (i > 300 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`collector did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return p;
}

export type MainRig = { redis: TestRedis; sitesFile: string };

/**
 * For the current `describe`: what a spawned collector is pointed at, a Redis of its own and a
 * sites file of the testkit's `SITES` (in a temporary folder named from `name`); made in
 * `beforeAll`, removed in `afterAll`.
 */
export function mainRig(name: string): MainRig {
  const rig = {} as MainRig;
  let dir = '';
  beforeAll(async () => {
    rig.redis = await startRedis(['--save', '']);
    dir = mkdtempSync(join(tmpdir(), `heatlens-${name}-`));
    rig.sitesFile = join(dir, 'sites.json');
    writeFileSync(rig.sitesFile, JSON.stringify(SITES));
  });
  afterAll(async () => {
    await rig.redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return rig;
}
