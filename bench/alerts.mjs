#!/usr/bin/env node
// Alert latency: from a visitor's clicks on a dead button to the webhook, over real Chromium, the
// real SDK (default flush: 5 s while nobody watches the page), the real collector (on Redis when
// redis-server is there; rules evaluated every 2 s, the default) and a local webhook receiver.
// Budget: within 10 s of the fifth click. Also the cost of one evaluation of a site with 200
// live pages. Run after `pnpm build`: `node bench/alerts.mjs [trials]`.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TRIALS = Math.max(1, Number(process.argv[2]) || 5);
const which = (bin) => {
  try {
    return execFileSync('which', [bin], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};
const { startCollector } = await import(join(ROOT, 'packages/collector/dist/index.js'));
const { startShop } = await import(join(ROOT, 'examples/shop/server.mjs'));
const { startRedisServer } = await import(join(ROOT, 'bench/lib/procs.mjs'));

// The webhook: each notice with the time it arrived.
const received = [];
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    received.push({ ...JSON.parse(body), t: performance.now() });
    res.writeHead(204).end();
  });
});
await new Promise((r) => hook.listen(0, '127.0.0.1', r));
const until = async (pred, ms, what) => {
  const end = performance.now() + ms;
  for (let hit = pred(); !hit; hit = pred()) {
    if (performance.now() > end) throw new Error(`${what}: nothing in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return pred();
};

const redis = which('redis-server') ? await startRedisServer() : undefined;
let offset = 0;
const TOKEN = 'bench-read-token-0123456789';
const collector = await startCollector({
  port: 0,
  logLevel: 'silent',
  redisUrl: redis?.url,
  now: () => Date.now() + offset,
  rateLimits: false,
  sdkFile: SDK_BUNDLE,
  sites: [
    {
      id: 'demo',
      origins: ['*'],
      readToken: TOKEN,
      routes: ['/product/:id'],
      alerts: { webhook: `http://127.0.0.1:${hook.address().port}/hook`, allowPrivateWebhook: true, cooldownMs: 0 },
    },
  ],
});
const shop = await startShop({ port: 0, collectorUrl: collector.url });
const browser = await launchChromium();
const fmt = (v) => `${(v / 1000).toFixed(1)} s`;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
try {
  const dead = [];
  const rage = [];
  for (let i = 0; i < TRIALS; i++) {
    const from = received.length;
    const page = await browser.newPage();
    await page.goto(`${shop.url}/product/${(i % 6) + 1}`);
    await page.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
    // Start each trial at a random point of the SDK's flush cycle and of the evaluation interval.
    await new Promise((r) => setTimeout(r, Math.random() * 5000));
    const at = [];
    for (let k = 0; k < 7; k++) {
      await page.click('#apply-coupon', { delay: 10 });
      at.push(performance.now());
    }
    const got = (rule) => received.slice(from).find((a) => a.rule === rule && a.state === 'firing');
    dead.push((await until(() => got('dead'), 30_000, 'dead alert')).t - at[4]); // the fifth dead click
    rage.push((await until(() => got('rage'), 30_000, 'rage alert')).t - at[6]); // the fifth rage click (7th click)
    await page.close();
    offset += 300_000; // the clicks leave the live window: both alerts resolve before the next trial
    await until(() => received.slice(from).filter((a) => a.state === 'resolved').length >= 2, 30_000, 'resolved');
  }
  const store = redis ? 'Redis' : 'memory';
  console.log(
    `alert latency, click -> webhook (${TRIALS} trials, ${store}, SDK flush 5 s unwatched, evaluation every 2 s)`,
  );
  console.log(
    `  dead, from the 5th dead click:  p50 ${fmt(pct(dead, 50))}   max ${fmt(Math.max(...dead))}   ` +
      `budget <= 10 s: ${Math.max(...dead) <= 10_000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  rage, from the 5th rage click:  p50 ${fmt(pct(rage, 50))}   max ${fmt(Math.max(...rage))}   ` +
      `budget <= 10 s: ${Math.max(...rage) <= 10_000 ? 'met' : 'MISSED'}`,
  );

  // Evaluation cost: 200 live pages with clicks on 5 elements each.
  const now = Date.now() + offset;
  for (let p = 0; p < 200; p++) {
    const events = Array.from({ length: 20 }, (_, k) => ({
      type: 'click',
      ts: now,
      x: 10,
      y: 10,
      w: 1280,
      h: 3000,
      sel: `#b${k % 5}`,
      ...(k % 4 ? {} : { dead: true }),
    }));
    await fetch(`${collector.url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: shop.url },
      body: JSON.stringify({
        v: 1,
        id: `e${p}-${now}`,
        site: 'demo',
        sid: `s${p}`,
        path: `/p${p}`,
        vw: 1280,
        sent: now,
        events,
      }),
    });
  }
  const ms = [];
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    await collector.alerts.tick();
    ms.push(performance.now() - t0);
  }
  console.log(
    `  one evaluation of a site with 200 live pages (${store}): p50 ${pct(ms, 50).toFixed(1)} ms   max ` +
      `${Math.max(...ms).toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'alerts',
      store,
      deadP50Ms: Math.round(pct(dead, 50)),
      deadMaxMs: Math.round(Math.max(...dead)),
      rageP50Ms: Math.round(pct(rage, 50)),
      rageMaxMs: Math.round(Math.max(...rage)),
      eval200PagesMs: Number(pct(ms, 50).toFixed(1)),
    }),
  );
} finally {
  await browser.close();
  await shop.close();
  await collector.close();
  await redis?.stop();
  hook.close();
}
