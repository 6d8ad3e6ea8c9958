// Open-loop load at a fixed arrival rate, for issue 7. Requests leave on a schedule (rate per
// second, spread evenly, not in a burst at each second as autocannon's overallRate does) whether
// or not earlier ones have answered, and latency runs from the scheduled time, so a slow server
// shows as latency instead of as a lower offered rate (no coordinated omission).
// Job: {url, pool, clients, sockets, maxInFlight, phases: [{name, rate, seconds}]}.
import http from 'node:http';
import { BENCH_ORIGIN, batchPrefix, makeBodies } from '../lib/batches.mjs';
import { percentile } from '../lib/stats.mjs';

const job = JSON.parse(process.argv[2]);
const { bodies } = makeBodies(job.pool);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.sockets ?? 512 });
const target = new URL('/collect', job.url);
const tag = Math.random().toString(36).slice(2, 8);
const clients = job.clients ?? 1000;
const maxInFlight = job.maxInFlight ?? 4000;
const events = job.pool.events ?? 50;

let seq = 0;
let resent = 0;
/** POST one body; resolves to its status code, or `error:<code>`. */
function post(body, c, retry) {
  return new Promise((resolve) => {
    const req = http.request(target, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'text/plain',
        origin: BENCH_ORIGIN,
        'x-forwarded-for': `10.${c >> 16}.${(c >> 8) & 255}.${c & 255}`,
        'content-length': Buffer.byteLength(body),
      },
    });
    req.setTimeout(15_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', () => resolve('error:response'));
    });
    req.on('error', (e) => {
      // A kept-alive socket the server closed as idle just as this request left on it: the
      // request never reached the server, so send it again once, as Node's docs advise
      // (https://nodejs.org/api/http.html#requestreusedsocket). Same batch id: counted once.
      if (retry && req.reusedSocket && e.code === 'ECONNRESET') {
        resent++;
        resolve(post(body, c, false));
      } else resolve(`error:${e.code ?? e.message}`);
    });
    req.end(body);
  });
}

/** Send the next batch (fresh id, next visitor address). */
function send() {
  const n = seq++;
  return post(batchPrefix(`${tag}-${n.toString(36)}`) + bodies[n % bodies.length], n % clients, true);
}

const t0 = performance.now();
/** Every request: [phase index, scheduled ms since t0, latency ms, status]. */
const log = [];
let inFlight = 0;
let skipped = 0;
let offset = 0;
for (const [pi, phase] of job.phases.entries()) {
  const interval = 1000 / phase.rate;
  const total = Math.round(phase.rate * phase.seconds);
  const start = offset;
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0 - start) / interval) + 1);
      for (; sent < due; sent++) {
        const at = start + sent * interval;
        if (inFlight >= maxInFlight) {
          skipped++;
          continue;
        }
        inFlight++;
        void send().then((status) => {
          inFlight--;
          log.push([pi, at, performance.now() - t0 - at, status]);
        });
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + sent * interval - (performance.now() - t0))));
    };
    tick();
  });
  offset = start + phase.seconds * 1000;
  // Wait until the schedule's end even if the last send was early.
  const wait = t0 + offset - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
// Let what is in flight answer (or time out).
const drainBy = performance.now() + 20_000;
while (inFlight > 0 && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 50));

const r1 = (x) => Math.round(x * 10) / 10;
const phases = job.phases.map((phase, pi) => {
  const mine = log.filter((l) => l[0] === pi);
  const statuses = {};
  for (const l of mine) statuses[l[3]] = (statuses[l[3]] ?? 0) + 1;
  const lat = mine.map((l) => l[2]);
  const ok = statuses['204'] ?? 0;
  return {
    name: phase.name,
    rate: phase.rate,
    seconds: phase.seconds,
    sent: mine.length,
    ok,
    eventsPerSec: (ok * events) / phase.seconds,
    p50: r1(percentile(lat, 50)),
    p99: r1(percentile(lat, 99)),
    // Not Math.max(...lat): a long run has more samples than the call stack takes arguments.
    max: r1(lat.reduce((a, b) => Math.max(a, b), -Infinity)),
    statuses,
    errors: Object.entries(statuses)
      .filter(([k]) => k.startsWith('error'))
      .reduce((a, [, v]) => a + v, 0),
  };
});
// p99 per second of schedule, to see when latency comes back after a spike.
const seconds = Math.ceil(offset / 1000);
const timeline = Array.from({ length: seconds }, (_, s) => {
  const mine = log.filter((l) => l[1] >= s * 1000 && l[1] < (s + 1) * 1000);
  const lat = mine.map((l) => l[2]);
  return { s, n: lat.length, p99: r1(percentile(lat, 99)), notOk: mine.filter((l) => l[3] !== '204').length };
});
process.stdout.write(`${JSON.stringify({ phases, timeline, skipped, resent, leftInFlight: inFlight })}\n`);
process.exit(0);
