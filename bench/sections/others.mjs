// The benchmarks other parts of the project own (SDK overhead, freshness, overlay frame time):
// run each as it is, show its output, and keep a figure for the summary when its last line is
// JSON. A script that is missing or fails (e.g. nothing built yet) is noted, not fatal.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OTHER_SCRIPTS = ['sdk-overhead.mjs', 'freshness.mjs', 'frame-time.mjs', 'alerts.mjs'];

function run(file, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(String(d).replace(/^(?=.)/gm, '    '));
    });
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** ctx: {quick, note}. Resolves to {script: {status: 'ok'|'missing'|'failed', json?, tail?}}. */
export async function runOthers(ctx) {
  const results = {};
  for (const name of OTHER_SCRIPTS) {
    const file = `${ROOT}bench/${name}`;
    if (!existsSync(file)) {
      ctx.note(`  ${name}: not present, skipped`);
      results[name] = { status: 'missing' };
      continue;
    }
    ctx.note(`  node bench/${name}`);
    // frame-time.mjs draws 800 snapshot frames and 1,200 scroll frames: about 4 minutes here.
    const r = await run(file, [], ctx.quick ? 300_000 : 600_000);
    const last = r.out.trim().split('\n').pop() ?? '';
    let json;
    try {
      json = last.startsWith('{') ? JSON.parse(last) : undefined;
    } catch {
      // not JSON: the tail below shows what it printed instead
    }
    const tail = r.out.trim().split('\n').slice(-4).join(' | ');
    if (r.code !== 0) ctx.note(`  ${name}: exited with ${r.code ?? r.signal} (not built yet?): ${tail.slice(0, 300)}`);
    results[name] = { status: r.code === 0 ? 'ok' : 'failed', json, tail: tail.slice(0, 500) };
  }
  return results;
}
