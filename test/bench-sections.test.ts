import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `pnpm bench` in its tiny configuration (`--tiny`: well under a second of load per measurement,
// 210 live viewers on one token): a benchmark that a product change broke (a refused upgrade, a renamed option,
// a route answering otherwise) fails here rather than when someone next runs it. Timings are not
// asserted: only that each section completes and prints its figures.

const RUN = fileURLToPath(new URL('../bench/run.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The collector under load is the build, as in every end-to-end test: started without tsx, whose
// loader takes tens of seconds to start it on a loaded machine (each section starts its own).
const BUILT = new URL('../packages/collector/dist/index.js', import.meta.url).href;

/** Each server-side section and lines its report must print (bench/report.mjs). */
const SECTIONS: Record<string, RegExp[]> = {
  ingest: [/\(c\) collector, Redis, ack after commit\s+\d+ ev\/s/, /collector stages, us per batch/],
  snapshot: [/grid tiles in the snapshot: 2500/, /Redis time per snapshot: [\d.]+ us/],
  hop: [
    /Redis time per hop, advance \+ whole snapshot: mean [\d.]+ ms min [\d.]+ ms/,
    /Redis time per hop, windowChanges: mean [\d.]+ ms min [\d.]+ ms .*members per delta/,
  ],
  live: [
    /hop 250 ms: 210 viewers .* 0 missing; POST -> frame p50 [\d.]+ ms p99 [\d.]+ ms/,
    /hop 10 ms: 210 viewers .* 0 missing; POST -> frame p50 [\d.]+ ms p99 [\d.]+ ms/,
  ],
  load: [/sustained 1 s at \d+ req\/s \(open loop\)/, /shed \(429\/503\): \d+; other: \{\}/],
};

function runBench(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_COLLECTOR_ENTRY: BUILT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('pnpm bench --tiny', () => {
  it('runs every server-side section to its figures', { timeout: 900_000 }, async () => {
    const { code, out } = await runBench(['--tiny', `--only=${Object.keys(SECTIONS).join(',')}`]);
    expect(out).not.toMatch(/ failed: /);
    for (const [name, lines] of Object.entries(SECTIONS))
      for (const line of lines) expect(out, `section ${name}: ${line}`).toMatch(line);
    expect(code).toBe(0);
  });
});
