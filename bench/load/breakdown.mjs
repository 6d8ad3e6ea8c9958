// Where a batch's CPU goes on the collector's side, stage by stage, in one process (run with
// tsx: it imports the collector's sources): JSON.parse, parseBatch, foldBatch, the memory
// store's record, the Redis store's record against a client that answers at once (argument
// building only), and the Prometheus counters of one request. Also how many increments a batch
// folds into, which sets the Redis work per batch.
import { batchPrefix, makeBodies } from '../lib/batches.mjs';

const job = JSON.parse(process.argv[2] ?? '{}');
const src = new URL('../../packages/collector/src/', import.meta.url).href;
const { parseBatch } = await import(new URL('../../packages/schema/dist/index.js', import.meta.url).href);
const { foldBatch, createMemoryStore, createRedisStore } = await import(`${src}index.ts`);
const { createMetrics } = await import(`${src}metrics.ts`);

const { bodies } = makeBodies({ ...job.pool, seed: 11 });
const texts = bodies.map((b, i) => batchPrefix(`bd${i}`) + b);
const rounds = job.rounds ?? 3;

/** Mean microseconds per batch of `fn` over every body, best of `rounds` passes. */
async function time(name, fn) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) await fn(i, r);
    best = Math.min(best, ((performance.now() - t0) * 1000) / texts.length);
  }
  return [name, Math.round(best * 10) / 10];
}

const parsed = texts.map((t) => JSON.parse(t));
const batches = parsed.map((d) => parseBatch(d).value);
const now = Date.now();
const folded = batches.map((b) => foldBatch(b, b.path, now, 50));

const fake = {
  evalSha: async () => [0], // the record script's answer: not watched, no known batch ids
  eval: async () => [0, 0],
};
const redisStore = createRedisStore({ client: fake, ping: async () => 'PONG' });
const metrics = createMetrics();
let seq = 0;

const stages = [
  await time('JSON.parse', (i) => JSON.parse(texts[i])),
  await time('parseBatch (schema)', (i) => parseBatch(parsed[i])),
  await time('foldBatch', (i) => foldBatch(batches[i], batches[i].path, now, 50)),
  await time(
    'memory store record',
    (() => {
      const store = createMemoryStore();
      return (i) => store.record({ ...folded[i], batchId: `m${seq++}` });
    })(),
  ),
  await time('Redis store record (args only)', (i) => redisStore.record(folded[i])),
  await time('metrics (4 observations)', () => {
    metrics.events.inc({ outcome: 'accepted', reason: 'ok' }, 50);
    metrics.batches.inc({ outcome: 'accepted' });
    metrics.requests.inc({ route: '/collect', status: '204' });
    metrics.batchSeconds.observe(0.001);
  }),
];

const avg = (f) => Math.round((folded.reduce((a, x) => a + f(x), 0) / folded.length) * 10) / 10;
const items = avg((f) => f.items.length);
const heat = avg((f) => f.items.filter((it) => it.set !== 'c').length);
process.stdout.write(
  `${JSON.stringify({
    batches: texts.length,
    stages: Object.fromEntries(stages),
    perBatch: {
      items,
      heatmapItems: heat,
      counterItems: Math.round((items - heat) * 10) / 10,
      buckets: avg((f) => f.buckets.size),
    },
  })}\n`,
);
