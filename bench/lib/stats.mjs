// Small measuring helpers: Redis INFO commandstats, per-process CPU time, percentiles.
import { readFileSync } from 'node:fs';

/** `INFO commandstats` as {command: {calls, usec}} (commands run inside Lua count too, Redis >= 7). */
export async function commandStats(client) {
  const text = await client.info('commandstats');
  const out = {};
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm))
    out[m[1]] = { calls: Number(m[2]), usec: Number(m[3]) };
  return out;
}

/** Reset Redis's command statistics, so the next `commandStats` is a delta. */
export const resetStats = (client) => client.configResetStat();

/** CPU seconds (user + system) a process has used so far (Linux /proc), or NaN. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Measure CPU use of some processes across `fn`: resolves to [fn's result, {name: {pct, secs}}],
 * pct being percent of one core over the wall time and secs the CPU seconds used. CPU seconds
 * per request hardly depend on what else the machine runs, unlike requests per second.
 */
export async function withCpu(pids, fn) {
  const t0 = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const result = await fn();
  const wall = (performance.now() - t0) / 1000;
  const used = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => {
      const secs = cpuSeconds(pid) - before[k];
      return [k, { pct: Math.round((100 * secs) / wall), secs }];
    }),
  );
  return [result, used];
}

/** The p-th percentile (0..100) of a list of numbers (nearest rank). */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Median of a list of numbers. */
export const median = (values) => percentile(values, 50);
