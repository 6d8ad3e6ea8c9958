#!/usr/bin/env node
// The SDK's cost to the page it runs on, in Chromium (budget: listener p95 <= 0.2 ms per event,
// 0 long tasks caused by tracking). A scripted session (cursor moves, wheel scrolls, clicks) runs
// twice on the same page: with the script-tag SDK and without it (the baseline).
//   - listener time: every listener, observer and timer callback the SDK registers is wrapped
//     (before the SDK loads) to time each call with performance.now(); the page is
//     cross-origin isolated so the clock's resolution is 5 us instead of 100 us;
//   - long tasks: PerformanceObserver 'longtask' over the session, with and without the SDK.
// Batches go to a stub /collect on the same server. Run after `pnpm build`: `node bench/sdk-overhead.mjs`.
// Prints a table; the last line is JSON for `pnpm bench`. It asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

const SDK = SDK_BUNDLE;
if (!existsSync(SDK)) {
  console.error(`${SDK} is missing: run pnpm build first`);
  process.exit(1);
}
const quick = process.argv.includes('--quick');
const MOVES = Number(process.env.MOVES) || (quick ? 1500 : 4000);

const card = (_, i) => `<div class="card" data-i="${i}" id="c${i}"><button class="b">Add ${i}</button></div>`;
const page = (withSdk) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>sdk overhead</title>
<style>` +
  `body{margin:0;font:16px sans-serif}.card{display:inline-block;width:180px;height:120px;margin:10px;background:#eee}
img{display:block;width:300px;height:200px;margin:20px}</style>
${withSdk ? '<script src="/sdk.js" data-site="bench"></script>' : ''}</head><body>
${Array.from({ length: 120 }, card).join('')}
${Array.from({ length: 6 }, (_, i) => `<img src="/img.svg?${i}" alt="">`).join('')}
<form id="f"><input name="q"><button>Go</button></form></body></html>`;

let batches = 0;
let events = 0;
const server = createServer((req, res) => {
  const isolate = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  if (req.method == 'POST' && req.url == '/collect') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      batches++;
      events += JSON.parse(body).events.length;
      res.writeHead(204, { 'X-Heatlens-Flush': '5000' }).end();
    });
    return;
  }
  if (req.url == '/sdk.js')
    return res.writeHead(200, { 'Content-Type': 'text/javascript', ...isolate }).end(readFileSync(SDK));
  if (req.url?.startsWith('/img.svg'))
    return res
      .writeHead(200, { 'Content-Type': 'image/svg+xml', ...isolate })
      .end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#8ac"/></svg>',
      );
  res.writeHead(200, { 'Content-Type': 'text/html', ...isolate }).end(page(!req.url?.includes('nosdk')));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// Runs in the page before any script: wrap what the SDK registers, and watch long tasks.
function instrument() {
  const times = (window.__times = {});
  window.__long = [];
  const clock = () => performance.now();
  const wrap = (kind, fn) =>
    function (...args) {
      const t = clock();
      try {
        return fn.apply(this, args);
      } finally {
        const d = clock() - t;
        (times[kind] ??= []).push(d);
        if (d > 5) (window.__slow ??= []).push(`${kind} ${d.toFixed(1)} ms: ${String(fn).slice(0, 160)}`);
      }
    };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    return add.call(this, type, typeof fn == 'function' ? wrap(type, fn) : fn, opts);
  };
  const st = window.setTimeout;
  window.setTimeout = (fn, ms, ...a) => st(typeof fn == 'function' ? wrap('timer', fn) : fn, ms, ...a);
  for (const name of ['MutationObserver', 'IntersectionObserver']) {
    const O = window[name];
    if (O)
      window[name] = class extends O {
        constructor(cb, o) {
          super(wrap(name, cb), o);
        }
      };
  }
  new PerformanceObserver((l) =>
    window.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration }))),
  ).observe({ type: 'longtask', buffered: true });
}

async function session(p) {
  const rnd = (() => {
    let s = 42;
    return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();
  const t0 = Date.now();
  for (let i = 0; i < MOVES; i++) {
    await p.mouse.move(20 + rnd() * 1200, 20 + rnd() * 760);
    if (i % 100 == 50) await p.mouse.wheel(0, 400);
    if (i % 200 == 120) await p.mouse.click(100 + rnd() * 1000, 100 + rnd() * 600);
  }
  await p.click('input[name=q]');
  await p.keyboard.type('hello');
  await p.waitForTimeout(1200);
  return Date.now() - t0;
}

const pct = (a, q) => (a.length ? [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))] : 0);
const browser = await launchChromium();
const results = {};
try {
  for (const mode of ['without', 'with']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    await p.addInitScript(instrument);
    await p.goto(`${origin}/${mode == 'with' ? 'sdk' : 'nosdk'}`);
    if (!(await p.evaluate(() => crossOriginIsolated)))
      console.warn('warning: page not cross-origin isolated: 100 us clock');
    // Long tasks are counted from the session's start: loading the page (and the SDK) is not tracking.
    await p.waitForTimeout(500);
    const start = await p.evaluate(() => performance.now());
    const ms = await session(p);
    const r = await p.evaluate(() => ({ times: window.__times, long: window.__long, slow: window.__slow ?? [] }));
    results[mode] = {
      ms,
      ...r,
      long: r.long.filter((e) => e.start >= start),
      loadLong: r.long.filter((e) => e.start < start),
    };
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const all = Object.values(results.with.times).flat();
console.log(
  `SDK overhead in Chromium: ${MOVES} cursor moves, ${Math.floor(MOVES / 100)} wheel scrolls, ` +
    `${Math.floor(MOVES / 200)} clicks, a form field (${results.with.ms} ms session)`,
);
console.log(
  'callback'.padEnd(22) +
    'calls'.padStart(7) +
    'p50 ms'.padStart(9) +
    'p95 ms'.padStart(9) +
    'max ms'.padStart(9) +
    'total ms'.padStart(10),
);
const row = (name, a) =>
  console.log(
    name.padEnd(22) +
      String(a.length).padStart(7) +
      pct(a, 0.5).toFixed(3).padStart(9) +
      pct(a, 0.95).toFixed(3).padStart(9) +
      Math.max(0, ...a)
        .toFixed(3)
        .padStart(9) +
      a
        .reduce((s, x) => s + x, 0)
        .toFixed(1)
        .padStart(10),
  );
for (const [k, a] of Object.entries(results.with.times).sort((x, y) => y[1].length - x[1].length)) row(k, a);
row('all SDK callbacks', all);
const longWith = results.with.long.length;
const longWithout = results.without.long.length;
console.log(
  `long tasks during the session: ${longWith} with the SDK, ${longWithout} without (caused by tracking: ` +
    `${Math.max(0, longWith - longWithout)}); during page load: ${results.with.loadLong.length} with, ` +
    `${results.without.loadLong.length} without`,
);
console.log(
  `longest SDK callback: ${Math.max(...all).toFixed(2)} ms (a long task is >= 50 ms: ` +
    `${Math.max(...all) < 50 ? 'none of them can be one' : 'one may be the SDK'})`,
);
console.log(`batches sent: ${batches}, events: ${events}`);
for (const s of results.with.slow) console.log(`slow callback: ${s}`);
console.log(
  `budget: listener p95 <= 0.2 ms (${pct(all, 0.95) <= 0.2 ? 'met' : 'MISSED'}), 0 long tasks from tracking ` +
    `(${longWith - longWithout <= 0 && Math.max(...all) < 50 ? 'met' : 'MISSED'})`,
);
console.log(
  JSON.stringify({
    listenerP95Ms: +pct(all, 0.95).toFixed(4),
    listenerP50Ms: +pct(all, 0.5).toFixed(4),
    listenerMaxMs: +Math.max(...all).toFixed(3),
    calls: all.length,
    longTasksWith: longWith,
    longTasksWithout: longWithout,
    batches,
    events,
  }),
);
