// Where a collector's CPU went, by stage of a POST /collect, from a V8 .cpuprofile: each sample
// goes to the innermost frame on its stack that belongs to a stage (so JSON.parse called from
// acceptBatch counts as parse, node-redis called from the store as the store call). Module loading
// at start is left out, so the shares are of the time spent serving.
import { existsSync, readFileSync } from 'node:fs';

/** Stages, innermost match first: [name, (functionName, url) => boolean]. */
const STAGES = [
  ['validate (parseBatch)', (fn, url) => fn === 'parseBatch' || url.includes('typebox')],
  ['fold (foldBatch)', (fn, url) => url.includes('collector/src/core/fold')],
  [
    'store call (record args, group commit, node-redis)',
    (fn, url) => url.includes('collector/src/store/') || url.includes('@redis') || url.includes('deadlines'),
  ],
  ['rate limits', (fn, url) => url.includes('rate-limit') || url.includes('limit-sync')],
  ['read body', (fn, url) => url.includes('read-body')],
  [
    'respond (headers, writeHead, end)',
    (fn) => ['writeHead', 'end', 'setHeader', 'sendError', 'setSecurityHeaders', '_storeHeader'].includes(fn),
  ],
  ['metrics', (fn, url) => url.includes('prom-client')],
  [
    'JSON.parse and the rest of acceptBatch',
    (fn, url) => fn === 'acceptBatch' || (fn === 'write' && url.includes('collect.ts')),
  ],
  ['collect handler, router', (fn, url) => url.includes('collector/src/http') || url.includes('collector/src/server')],
];
const LOADING = (fn, url) =>
  url.startsWith('node:internal/modules') || url.includes('/tsx/') || fn === 'compileSourceTextModule';

/**
 * Shares of busy time per stage: [{stage, pct}], most first, or undefined when the file is missing.
 * Garbage collection and what matches no stage (Node's HTTP parser, the event loop) have their own rows.
 */
export function profileStages(file) {
  if (!existsSync(file)) return undefined;
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map();
  const classify = (id) => {
    if (stageOf.has(id)) return stageOf.get(id);
    const leaf = byId.get(id).callFrame.functionName;
    let stage = ['(idle)', '(program)'].includes(leaf)
      ? null
      : leaf === '(garbage collector)'
        ? 'garbage collector'
        : undefined;
    for (let cur = id; cur !== undefined && stage === undefined; cur = parent.get(cur)) {
      const { functionName: fn, url } = byId.get(cur).callFrame;
      if (LOADING(fn, url)) stage = null;
      else stage = STAGES.find(([, m]) => m(fn, url))?.[0];
    }
    if (stage === undefined) stage = 'node http, event loop, other';
    stageOf.set(id, stage);
    return stage;
  };
  const us = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const stage = classify(id);
    if (!stage) return;
    const dt = prof.timeDeltas[i] ?? 0;
    us.set(stage, (us.get(stage) ?? 0) + dt);
    total += dt;
  });
  return [...us]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, t]) => ({ stage, pct: Math.round((1000 * t) / (total || 1)) / 10 }));
}
