// Read a V8 .cpuprofile (node --cpu-prof) and name where the time went: self time by function
// and by file, so a run can say what its bottleneck is without opening a profiler.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileStages } from './profile-stages.mjs';

const short = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^.*\/packages\//, 'packages/');

/**
 * Top self-time entries of a profile: {totalMs, functions: [{name, where, pct}], files: [{file, pct}]}.
 * Options: limit (default 12). Resolves to undefined when the file is missing.
 */
export function topFunctions(file, { limit = 12 } = {}) {
  if (!existsSync(file)) return undefined;
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map();
  const files = new Map();
  for (const [id, us] of self) {
    const { callFrame: c } = byId.get(id);
    const where = c.url ? `${short(c.url)}:${c.lineNumber + 1}` : '(native)';
    const key = `${c.functionName || '(anonymous)'} ${where}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const f = c.url ? short(c.url).split(':')[0] : c.functionName || '(native)';
    files.set(f, (files.get(f) ?? 0) + us);
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return {
    totalMs: Math.round(total / 1000),
    functions: top(fn).map(([name, us]) => ({ name, pct: Math.round((1000 * us) / total) / 10 })),
    files: top(files).map(([file, us]) => ({ file, pct: Math.round((1000 * us) / total) / 10 })),
  };
}

/** Of the profiles in a directory (one per thread), the summary of the one that worked most. */
export function busiestProfile(dir) {
  if (!existsSync(dir)) return undefined;
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ file: join(dir, f), top: topFunctions(join(dir, f), { limit: 40 }) }));
  const busy = (p) => p.top.totalMs * (1 - (p.top.files.find((f) => f.file === '(idle)')?.pct ?? 0) / 100);
  const best = all.sort((a, b) => busy(b) - busy(a))[0];
  if (!best) return undefined;
  const { totalMs, functions, files } = best.top;
  // Percentages of the time the thread was busy, not of the wall time.
  const idle = files.find((f) => f.file === '(idle)')?.pct ?? 0;
  const scale = (x) => ({ ...x, pct: Math.round((1000 * x.pct) / (100 - idle || 1)) / 10 });
  const notIdle = (x) => !['(idle)', '(program)'].includes(x.file ?? x.name.split(' ')[0]);
  return {
    file: best.file,
    totalMs,
    busyPct: Math.round(100 - idle),
    functions: functions.filter(notIdle).slice(0, 15).map(scale),
    files: files.filter(notIdle).slice(0, 10).map(scale),
    // Shares of the busy time per stage of a write (profile-stages.mjs), module loading left out.
    stages: profileStages(best.file),
  };
}
