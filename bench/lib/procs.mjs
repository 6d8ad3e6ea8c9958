// Child processes of a benchmark run: servers pinned to one core, load generators and Redis to
// the other, so a server's figure is what one core does and the load never steals its CPU.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchRedis } from '@heatlens/testkit/redis-launcher';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_IMPORT = fileURLToPath(new URL('../../node_modules/tsx/dist/esm/index.mjs', import.meta.url));

function has(bin) {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canPin = has('taskset');

/** CPU split: the server under test on core 0; load generators and redis-server on core 1. */
export const CPU = { server: '0', load: '1' };
/** One line saying how the cores are split, for the output. */
export const cpuSplit = () =>
  canPin
    ? 'server under test pinned to core 0; load generator + redis-server pinned to core 1 (taskset)'
    : 'taskset missing: processes are not pinned';

function spawnPinned(cpu, cmd, args, options) {
  return canPin ? spawn('taskset', ['-c', cpu, cmd, ...args], options) : spawn(cmd, args, options);
}

/** Resident set size of a process in MiB (Linux /proc), or NaN. */
export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function stopChild(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Start a server script from bench/servers/ on the server core and wait for its READY line.
 * Options: env (added to process.env), nodeArgs (e.g. --cpu-prof), tsx (load TypeScript
 * sources; default false; not for a built collector). Resolves to {url, pid, info, rss(), stop()}.
 */
export async function spawnServer(script, { env = {}, nodeArgs = [], tsx = false } = {}) {
  // A built collector (BENCH_COLLECTOR_ENTRY naming JavaScript, servers/collector.mjs) needs no loader.
  const built = /\.m?js$/.test(env.BENCH_COLLECTOR_ENTRY ?? process.env.BENCH_COLLECTOR_ENTRY ?? '');
  const args = [...(tsx && !built ? ['--import', TSX_IMPORT] : []), ...nodeArgs, join(ROOT, 'bench/servers', script)];
  const child = spawnPinned(CPU.server, process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running (and loading the machine) after the section gave up on it
      reject(new Error(`${script} did not start in 30 s:\n${out}`));
    }, 30_000);
    const onData = (d) => {
      out += d;
      const m = /^READY (.*)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${out}`));
    });
  });
  // The READY pid is the node process itself (taskset execs it, so they are the same).
  return {
    url: info.url,
    pid: info.pid,
    info,
    log: () => out,
    rss: () => rssMiB(info.pid),
    stop: () => stopChild(child),
  };
}

/**
 * Start redis-server on a free port on the load core, without persistence. Resolves to
 * {url, port, pid, stop()}.
 */
export async function startRedisServer() {
  if (!has('redis-server')) throw new Error('redis-server is not on PATH');
  return launchRedis({ spawn: (cmd, args, options) => spawnPinned(CPU.load, cmd, args, options) });
}

/**
 * Run a load script from bench/load/ on the load core with a JSON job, and resolve to the JSON
 * it prints on its last stdout line. Its stderr is passed through (progress notes).
 * Options: timeoutMs (default 180 s), tsx (load TypeScript sources; default false), cpu (default
 * the load core).
 */
export async function runLoad(script, job, { timeoutMs = 180_000, tsx = false, cpu = CPU.load } = {}) {
  const args = [...(tsx ? ['--import', TSX_IMPORT] : []), join(ROOT, 'bench/load', script), JSON.stringify(job)];
  const child = spawnPinned(cpu, process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise((r) => child.once('exit', r));
  clearTimeout(timer);
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${script} exited with ${code} without a result:\n${out.slice(-2000)}`);
  }
}
