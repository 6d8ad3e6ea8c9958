// Load generator process: runs a job's phases one after another with autocannon and prints
// one JSON line of results. POST /collect phases send the realistic batches of
// lib/batches.mjs, each request with a fresh batch id (a replayed id would be counted once
// and skip the store, which would flatter the figures).
import { BENCH_ORIGIN, batchPrefix, makeBodies } from '../lib/batches.mjs';
import { autocannon } from '../lib/deps.mjs';

const job = JSON.parse(process.argv[2]);
const tag = Math.random().toString(36).slice(2, 8);

function collectRequests(pool, phaseIndex, clients) {
  const { bodies } = makeBodies(pool);
  let n = 0;
  const base = { 'content-type': 'text/plain', origin: BENCH_ORIGIN };
  // One request template per body; autocannon walks them in order on each connection.
  return bodies.map((body) => ({
    method: 'POST',
    path: '/collect',
    headers: base,
    setupRequest: (req) => {
      req.body = batchPrefix(`${tag}${phaseIndex}-${n.toString(36)}`) + body;
      // Many visitors behind the collector's trusted proxy: per-address limits see them apart.
      if (clients)
        req.headers = {
          ...base,
          'x-forwarded-for': `10.${(n % clients) >> 16}.${((n % clients) >> 8) & 255}.${(n % clients) & 255}`,
        };
      n++;
      return req;
    },
  }));
}

function summarise(phase, r, cpu) {
  const events = phase.pool ? (phase.pool.events ?? 50) : 1;
  const ok = r['2xx'];
  return {
    name: phase.name,
    seconds: r.duration,
    connections: phase.connections,
    overallRate: phase.overallRate ?? null,
    requests: r.requests.total,
    reqPerSec: r.requests.total / r.duration,
    ok,
    eventsPerSec: (ok * events) / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)])),
    loadCpuPct: cpu,
  };
}

const results = [];
for (const [i, phase] of job.phases.entries()) {
  const requests = phase.pool
    ? collectRequests(phase.pool, i, phase.clients)
    : [{ method: phase.method ?? 'GET', path: phase.path, headers: phase.headers ?? {} }];
  const cpu0 = process.cpuUsage();
  const r = await autocannon({
    url: phase.url,
    connections: phase.connections,
    duration: phase.duration,
    ...(phase.overallRate ? { overallRate: phase.overallRate } : {}),
    timeout: phase.timeout ?? 10,
    requests,
  });
  const c = process.cpuUsage(cpu0);
  results.push(summarise(phase, r, Math.round((c.user + c.system) / 10 / (r.duration * 1000))));
  process.stderr.write(
    `    ${phase.name}: ${Math.round(results.at(-1).reqPerSec)} req/s, p99 ${results.at(-1).p99} ms\n`,
  );
}
process.stdout.write(`${JSON.stringify(results)}\n`);
