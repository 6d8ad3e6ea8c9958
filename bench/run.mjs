#!/usr/bin/env node
// `pnpm bench`: the collector's benchmarks, with baselines measured in the same run.
//   --quick            about 2 minutes instead of about 10
//   --tiny             each section in a tiny configuration (well under a second of load each, tens
//                      of viewers): for test/bench-sections.test.ts, which checks every section runs
//   --only=a,b         sections: ingest, snapshot, hop, live, load, others, fidelity, fidelity-rows
//                      (default: all; with --quick, all but others, fidelity and fidelity-rows,
//                      which run Chromium)
//   --profile          write a CPU profile of the Redis collector's ingest run to .artifacts/profiles/
// Prints figures as it goes and one summary table at the end; writes .artifacts/bench.json.
// It asserts nothing about timing: figures are for reading against their baselines and targets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSites } from './lib/batches.mjs';
import { redis } from './lib/deps.mjs';
import { cpuSplit, startRedisServer } from './lib/procs.mjs';
import { printTable, summaryRows } from './lib/summary.mjs';
import { runIngest } from './sections/ingest.mjs';
import { runLive } from './sections/live.mjs';
import { runLoadShape } from './sections/load-shape.mjs';
import { runOthers } from './sections/others.mjs';
import { runSnapshot } from './sections/snapshot.mjs';
import { runHop } from './sections/hop.mjs';
import { runFidelity } from './fidelity.mjs';
import { runRowsSweep } from './fidelity-rows.mjs';
import { report } from './report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const argv = process.argv.slice(2);
const tiny = argv.includes('--tiny');
const quick = tiny || argv.includes('--quick');
const profile = argv.includes('--profile');
const SECTIONS = ['ingest', 'snapshot', 'hop', 'live', 'load', 'others', 'fidelity', 'fidelity-rows'];
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg
  ? onlyArg.slice(7).split(',')
  : SECTIONS.filter((s) => !quick || !['others', 'fidelity', 'fidelity-rows'].includes(s));
for (const s of only)
  if (!SECTIONS.includes(s)) throw new TypeError(`--only: unknown section "${s}" (known: ${SECTIONS.join(', ')})`);

const note = (s) => process.stdout.write(`${s}\n`);
const started = Date.now();
const artifacts = join(ROOT, '.artifacts');
mkdirSync(artifacts, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'heatlens-bench-'));
const sitesFile = join(tmp, 'sites.json');
writeFileSync(sitesFile, JSON.stringify(benchSites()));

const mode = tiny ? ' --tiny' : quick ? ' --quick' : '';
note(`heatlens bench${mode}: ${new Date(started).toISOString()}, node ${process.version}`);
note(`cores: ${cpuSplit()}`);
const redisServer = await startRedisServer();
const admin = await redis
  .createClient({ url: redisServer.url })
  .on('error', () => {})
  .connect();
note(`redis-server ${(await admin.info('server')).match(/redis_version:(\S+)/)?.[1]} on ${redisServer.url}`);
const ctx = {
  quick,
  tiny,
  profile,
  profileDir: join(artifacts, 'profiles'),
  redis: redisServer,
  admin,
  sitesFile,
  note,
};
const results = {};
const section = async (name, title, fn) => {
  if (!only.includes(name)) return;
  note(`\n== ${title}`);
  const t0 = Date.now();
  try {
    results[name] = await fn();
    report(name, results[name], note);
  } catch (e) {
    note(`  ${name} failed: ${e instanceof Error ? e.stack : e}`);
    results[name] = undefined;
  }
  note(`  (${Math.round((Date.now() - t0) / 1000)} s)`);
};

try {
  await section('ingest', 'ingest: 50-event batches over many pages (issue 3)', () => runIngest(ctx));
  await section('snapshot', 'live-window snapshot of a full 50x50 grid on Redis (issue 3)', () => runSnapshot(ctx));
  await section('hop', 'live hop of a long watched page: whole snapshot vs windowChanges (issue 30)', () =>
    runHop(ctx),
  );
  await section('live', '1,000 live viewers of one page (issue 3)', () => runLive(ctx));
  const capacity = results.ingest?.runs.redis.reqPerSec ?? 200;
  await section('load', 'sustained load and a 10x spike on Redis (issue 7)', () =>
    runLoadShape({ ...ctx, capacityReqPerSec: capacity }),
  );
  await section('others', 'SDK overhead, freshness, overlay frame time', () => runOthers(ctx));
  await section('fidelity', 'heatmap fidelity: click heat on the clicked elements, overlay read back as pixels', () =>
    runFidelity({ note }),
  );
  await section(
    'fidelity-rows',
    'tile row sweep: click heat of the tile layer alone, rows of y/h, y/w, 16/20/24 px',
    () => runRowsSweep({ note }),
  );
  if (quick && !only.includes('others'))
    note('\n(--quick leaves out bench/sdk-overhead.mjs, freshness.mjs, frame-time.mjs: run them with --only=others)');
} finally {
  await admin.close().catch(() => {});
  await redisServer.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const rows = summaryRows(results);
note(`\n== summary (${Math.round((Date.now() - started) / 1000)} s; ${cpuSplit()})`);
printTable(rows, note);
writeFileSync(
  join(artifacts, 'bench.json'),
  JSON.stringify({ started: new Date(started).toISOString(), quick, cpuSplit: cpuSplit(), rows, results }, null, 2) +
    '\n',
);
note('\nwritten: .artifacts/bench.json');
// A section that threw is a broken benchmark: say so in the exit code (test/bench-sections.test.ts).
const broken = only.filter((s) => results[s] === undefined);
if (broken.length) {
  note(`broken sections: ${broken.join(', ')}`);
  process.exitCode = 1;
}
