#!/usr/bin/env node
// How long a newcomer waits: clone the repository as committed into a temp dir, run the README's
// `npx -y pnpm@10.34.8 install`, then `npx -y pnpm@10.34.8 start`, and print the seconds until
// install finished and until /healthz answered. Then `start` again (incremental: nothing to
// build). Goal: start <= 20 s after install, install + start <= 60 s. Prints, never asserts.
// Usage: node bench/start-time.mjs [--repo <path or url>] (default: this checkout)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEnv } from '@heatlens/testkit/processes';

const { values } = parseArgs({
  options: { repo: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) } },
});
const PNPM = ['-y', 'pnpm@10.34.8'];
const dir = mkdtempSync(join(tmpdir(), 'heatlens-start-time-'));
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(1);

/** Run `pnpm start` in `dir`; resolve with the seconds until /healthz answered; stop it on Ctrl+C's signal. */
async function timeStart() {
  const { port, env } = await startEnv();
  const t = performance.now();
  const child = spawn('npx', [...PNPM, 'start'], { cwd: dir, detached: true, stdio: 'ignore', env });
  try {
    while (
      (await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return seconds(t);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGINT');
    await exited;
  }
}

try {
  execFileSync('git', ['clone', '--quiet', values.repo, dir]);
  const t = performance.now();
  execFileSync('npx', [...PNPM, 'install'], { cwd: dir, stdio: 'ignore' });
  const install = seconds(t);
  const first = await timeStart();
  const again = await timeStart();
  console.log(`fresh clone of ${values.repo}`);
  console.log(`  install                          ${install} s`);
  console.log(`  start, first (builds the demo)   ${first} s   (goal <= 20 s)`);
  console.log(`  install + first start            ${(Number(install) + Number(first)).toFixed(1)} s   (goal <= 60 s)`);
  console.log(`  start again (up to date)         ${again} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
