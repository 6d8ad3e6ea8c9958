#!/usr/bin/env node
// `pnpm simulate`: synthetic visitors for the demo shop, so the dashboard and the overlay have
// life. By default each visitor's batches go straight to POST /collect, shaped as the SDK sends
// them; with --browser, real headless Chromium pages walk the shop and the SDK does the sending.
// Ends with a table of what the collector accepted per page, to check against the dashboard:
// computed with the collector's rules (scroll bands from the schema, selectors as the SDK sends).
import { parseArgs } from 'node:util';
import { planVisitor } from '../examples/shop/simulate/plan-visitor.mjs';
import { createRandom } from '../examples/shop/simulate/random.mjs';
import { shopClicks } from '../examples/shop/simulate/shop-clicks.mjs';
import { sendVisitor } from '../examples/shop/simulate/send-visitor.mjs';
import { buildDemo } from './build-demo.mjs';
import { printSources } from '../examples/shop/simulate/tally-sources.mjs';

const HELP = `Usage: pnpm simulate [options]
  -n, --visitors <n>     synthetic visitors (default 50)
  --collector <url>      collector (default $COLLECTOR_URL or http://127.0.0.1:$PORT, PORT 8080)
  --shop <url>           the shop, sent as Origin and browsed with --browser
                         (default http://127.0.0.1:$SHOP_PORT, SHOP_PORT 8081)
  --site <id>            site id (default demo)
  --spread <s>           visitors arrive over this many seconds (default 20)
  --speed <x>            play dwell times x times faster than life (default 4)
  --seed <n>             replay the same visitors (default: random)
  --browser              drive real headless Chromium pages (system chromium)
  --concurrency <n>      browser pages at once with --browser (default 3)
  --json                 print the sources, then the per-page tally, as JSON lines instead of tables
  --loop                 keep sending new waves of visitors until Ctrl+C, then print the tally
  --rage                 also send frustrated visitors who hammer the product page's dead
                         "Apply coupon" button (one per 10 visitors, at least 2): the demo
                         site's rage and dead alerts fire on the dashboard
  -h, --help`;

const { values: args } = parseArgs({
  options: {
    visitors: { type: 'string', short: 'n', default: '50' },
    collector: { type: 'string' },
    shop: { type: 'string' },
    site: { type: 'string', default: 'demo' },
    spread: { type: 'string', default: '20' },
    speed: { type: 'string', default: '4' },
    seed: { type: 'string' },
    browser: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    loop: { type: 'boolean', default: false },
    rage: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (name, v, min) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number >= ${min}, got ${v}\n\n${HELP}`);
    process.exit(2);
  }
  return n;
};
const visitors = Math.floor(num('visitors', args.visitors, 1));
const spreadMs = num('spread', args.spread, 0) * 1000;
const speed = num('speed', args.speed, 0.1);
const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Math.floor(num('seed', args.seed, 0));
const collectorUrl = (
  args.collector ??
  process.env.COLLECTOR_URL ??
  `http://127.0.0.1:${process.env.PORT ?? 8080}`
).replace(/\/+$/, '');
const shopUrl = (args.shop ?? `http://127.0.0.1:${process.env.SHOP_PORT ?? 8081}`).replace(/\/+$/, '');

try {
  const res = await fetch(`${collectorUrl}/healthz`);
  if (!res.ok) throw new Error(`healthz answered ${res.status}`);
} catch (err) {
  console.error(
    `No collector at ${collectorUrl} (` +
      `${err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.cause?.message ?? err.message}). Start one ` +
      `with \`pnpm start\`, or pass --collector.`,
  );
  process.exit(1);
}

// The printout computes with the schema's rules (built here if `pnpm start` has not yet), and the
// synthetic clicks are the events the SDK sent in Chromium (shop-clicks.json): both then agree
// with the dashboard, and the overlay draws their heat on the elements clicked.
await buildDemo();
const { createTally, printTally } = await import('../examples/shop/simulate/tally.mjs');
const { layoutFor } = shopClicks();

const rnd = createRandom(seed);
const tally = createTally({ origin: shopUrl });
const refused = new Map();
let sentEvents = 0;
const onBatch = (batch, status) => {
  if (status === 204) {
    tally.add(batch);
    sentEvents += batch.events?.length ?? 0;
  } else refused.set(status, (refused.get(status) ?? 0) + 1);
};
console.log(
  `Simulating ${visitors} visitors${args.loop ? ' per wave, until Ctrl+C' : ''} (seed ${seed}) ` +
    `${args.browser ? `in Chromium on ${shopUrl}` : `-> ${collectorUrl}/collect`}, arriving over ` +
    `${spreadMs / 1000} s at ${speed}x speed…`,
);
const started = Date.now();
const progress = setInterval(
  () =>
    console.log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${tally.batches} batches, ${sentEvents} events accepted`,
    ),
  5000,
);
progress.unref();

/** Print what the collector accepted, per page, and set the exit code. */
function report() {
  clearInterval(progress);
  console.log(
    `\nAccepted ${tally.batches} batches, ${sentEvents} events ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s. Per page (products counted as /product/:id):\n`,
  );
  if (args.json) console.log(`${JSON.stringify({ sources: tally.sources() })}\n${JSON.stringify(tally.rows())}`);
  else {
    printTally(tally);
    console.log("\nSources (page views, as the dashboard's Sources panel):\n");
    printSources(tally.sources());
  }
  if (refused.size) console.log(`\nNot accepted: ${[...refused].map(([k, n]) => `${n} × ${k}`).join(', ')}`);
  if (args.browser && tally.batches === 0)
    console.log(
      `\nNo batch arrived: does ${collectorUrl}/sdk.js serve the SDK (\`pnpm build\`), and does ${shopUrl} load it?`,
    );
  process.exitCode = refused.size || tally.batches === 0 ? 1 : 0;
}
// Ctrl+C (the way out of --loop) still prints what was sent so far.
process.once('SIGINT', () => {
  report();
  process.exit();
});

/** One wave: `visitors` new visitors arriving over the spread. */
let wave = async (plans) =>
  Promise.all(
    plans.map(async (p, i) => {
      await new Promise((r) => setTimeout(r, (spreadMs * i) / visitors));
      await sendVisitor(p, { collectorUrl, origin: shopUrl, site: args.site, speed, onBatch }).catch((err) => {
        refused.set(err.message, (refused.get(err.message) ?? 0) + 1);
      });
    }),
  );
let cleanup = async () => {};

if (args.browser) {
  const { chromiumPath, launchChromium } = await import('@heatlens/testkit/chromium');
  const { browseVisitor } = await import('../examples/shop/simulate/browser-visitor.mjs');
  const { startRecordingProxy } = await import('../examples/shop/simulate/recording-proxy.mjs');
  if (!chromiumPath()) {
    console.error('--browser needs Chromium: apt-get install chromium, or set CHROMIUM_PATH.');
    process.exit(1);
  }
  // Chromium goes through a recording proxy (loopback included), which counts every batch.
  const proxy = await startRecordingProxy({ onCollect: onBatch });
  const browser = await launchChromium({
    args: [
      '--autoplay-policy=no-user-gesture-required',
      `--proxy-server=${proxy.url}`,
      '--proxy-bypass-list=<-loopback>',
    ],
  });
  const concurrency = Math.floor(num('concurrency', args.concurrency, 1));
  wave = async (plans) => {
    const t = Date.now();
    const queue = plans.map((p, i) => ({ p, at: t + (spreadMs * i) / visitors }));
    const worker = async () => {
      for (let job; (job = queue.shift());) {
        if (job.at > Date.now()) await new Promise((r) => setTimeout(r, job.at - Date.now()));
        await browseVisitor(browser, job.p, { shopUrl, speed }).catch((err) =>
          console.error(`  a visitor failed: ${err.message}`),
        );
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  cleanup = async () => {
    await browser.close();
    await proxy.close(); // waits for the last keepalive batches still in flight
  };
}

const rage = args.rage
  ? import('../examples/shop/simulate/rage-visitors.mjs').then(({ sendRageVisitors }) =>
      sendRageVisitors({
        collectorUrl,
        origin: shopUrl,
        site: args.site,
        count: Math.max(2, Math.ceil(visitors / 10)),
        spreadMs,
        onBatch,
      }),
    )
  : undefined;
do await wave(Array.from({ length: visitors }, () => planVisitor(rnd, { layoutFor })));
while (args.loop);
await rage;
await cleanup();
report();
