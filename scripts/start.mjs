#!/usr/bin/env node
// `pnpm start`: the whole product on one machine. The collector (in-memory store, or Redis when
// REDIS_URL / REDIS_CLUSTER is set; sites from HEATLENS_SITES) serves the dashboard and the SDK
// on PORT (8080); the demo shop runs on its own origin on SHOP_PORT (8081), as a customer's
// site would. It first builds what the demo needs with esbuild, only where a source is newer
// than its output (see build-demo.mjs); `pnpm build` builds everything, the extension included.
import { buildDemo } from './build-demo.mjs';
import { onFreePort } from './on-free-port.mjs';

try {
  await buildDemo({ log: (line) => console.log(`heatlens: ${line}`) });
} catch (err) {
  console.error(`heatlens: the demo build failed: ${err.message}`);
  process.exit(1);
}
const { startCollector, optionsFromEnv } = await import('../packages/collector/dist/index.js');
const { startShop } = await import('../examples/shop/server.mjs');

let options;
try {
  options = optionsFromEnv(process.env);
} catch (err) {
  console.error(`heatlens: ${err.message}`);
  process.exit(1);
}
const say = (line) => console.log(`heatlens: ${line}`);
// The collector's JSON logs would bury the URLs below; LOG_LEVEL=info brings them back.
let collector;
try {
  collector = await onFreePort(
    (port) => startCollector({ ...options, port, logLevel: process.env.LOG_LEVEL ?? 'warn' }),
    options.port ?? 8080,
    'the collector (PORT)',
    say,
  );
} catch (err) {
  console.error(`heatlens: the collector cannot start (${err.code ?? err.message}).`);
  process.exit(1);
}
const site = collector.sites[0];
const shopPort = process.env.SHOP_PORT === undefined ? 8081 : Number(process.env.SHOP_PORT);
let shop;
try {
  shop = await onFreePort(
    (port) =>
      startShop({
        port,
        host: options.host ?? '127.0.0.1',
        collectorUrl: collector.url,
        site: site.id,
      }),
    shopPort,
    'the shop (SHOP_PORT)',
    say,
  );
} catch (err) {
  console.error(`heatlens: the shop cannot listen on port ${shopPort} (${err.code ?? err.message}); set SHOP_PORT.`);
  await collector.close();
  process.exit(1);
}
const store = options.redisCluster?.length
  ? `Redis Cluster (${options.redisCluster.join(', ')})`
  : options.redisUrl
    ? `Redis (${options.redisUrl.replace(/\/\/[^@/]*@/, '//***@')})`
    : 'in memory (data is lost on stop; set REDIS_URL to keep it)';
const allowed = site.origins.includes('*') || site.origins.includes(shop.url);
const note =
  `\n  note: site "${site.id}" does not list ${shop.url} in its origins, ` + `so the shop's events will be refused.\n`;

// simulate.mjs defaults to 8080 and 8081: name the ports when they differ.
const simulate =
  collector.url === 'http://127.0.0.1:8080' && shop.url === 'http://127.0.0.1:8081'
    ? 'pnpm simulate'
    : `pnpm simulate --collector ${collector.url} --shop ${shop.url}`;
console.log(`
heatlens is running

  dashboard   ${collector.url}/#token=${site.readToken}
  demo shop   ${shop.url}/
  read token  ${site.readToken}   (site "${site.id}"${collector.demo ? ', generated for this run' : ''})
  store       ${store}
${allowed ? '' : note}
Open the dashboard, browse the shop in another tab, or send traffic with \`${simulate}\`.
Stop with Ctrl+C.
`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  setTimeout(() => process.exit(1), 10_000).unref();
  await Promise.allSettled([shop.close(), collector.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
