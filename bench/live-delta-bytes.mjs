#!/usr/bin/env node
// Bytes and client work per /live hop on a long page, heatlens.v1 (the full snapshot every hop)
// against heatlens.v2 (the delta of the hop). The page: 50 columns x 250 rows of 20 px, every tile
// counted (12,500 tiles, the issue-30 "long page covered by moves"), a fixed header row, page
// stats. Each hop CHANGED tiles change: a third get a new count, a third leave the window, a third
// arrive. Frames are made by the same code the collector runs (`diffSnapshot`, JSON.stringify of
// what the hub sends); the viewer's side is what the extension's background does per frame
// (v1: JSON.parse of the full frame; v2: JSON.parse of the delta + `applyDelta`). Synthetic
// snapshots: no store, so this measures the frames, not the hop's reads (that is the snapshot
// section). Run after `pnpm --filter @heatlens/schema build`: `nice node bench/live-delta-bytes.mjs`.
// Prints, never asserts.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { applyDelta, diffSnapshot } from '../packages/schema/dist/live-delta.js';
import { emptyStats } from '@heatlens/testkit/snapshot';

const COLS = 50;
const ROWS = 250;
const HOPS = 200;
const CHANGED = [200, 50];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function longPage() {
  const tiles = [];
  for (let ty = 0; ty < ROWS; ty++) for (let tx = 0; tx < COLS; tx++) tiles.push([tx, ty, 1 + Math.floor(rand() * 40)]);
  const fixed = Array.from({ length: COLS }, (_, tx) => [tx, 0, 1 + Math.floor(rand() * 9)]);
  return {
    site: 'demo',
    path: '/guide',
    kind: 'move',
    seg: 'all',
    grid: COLS,
    rowPx: 20,
    rows: ROWS,
    windowMs: 300_000,
    from: 1_000_000,
    to: 1_300_000,
    total: 0,
    max: 0,
    tiles,
    fixed,
    stats: emptyStats({ path: '/guide', views: 4000, visitors: 900, events: 250_000 }),
  };
}

/** The next hop's state: `changed` tiles changed, left or arrived (kept in row order). */
function nextHop(prev, changed) {
  const byKey = new Map(prev.tiles.map((t) => [t[1] * COLS + t[0], t]));
  for (let i = 0; i < changed; i++) {
    const k = Math.floor(rand() * COLS * ROWS);
    const t = byKey.get(k);
    if (i % 3 === 1 && t) byKey.delete(k);
    else byKey.set(k, [k % COLS, Math.floor(k / COLS), 1 + Math.floor(rand() * 40)]);
  }
  const tiles = [...byKey.values()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const total = tiles.reduce((n, t) => n + t[2], 0);
  return {
    ...prev,
    from: prev.from + 250,
    to: prev.to + 250,
    tiles,
    total,
    max: 40,
    stats: { ...prev.stats, events: prev.stats.events + changed },
  };
}

console.log(
  `live frames on a ${COLS * ROWS}-tile page (load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
for (const changed of CHANGED) {
  let state = longPage();
  let held = { type: 'snapshot', seq: 0, ...state };
  const v1Bytes = [],
    v2Bytes = [],
    diffMs = [],
    v1SerialiseMs = [],
    v1ParseMs = [],
    v2ApplyMs = [];
  for (let hop = 1; hop <= HOPS; hop++) {
    const next = nextHop(state, changed);
    let t = performance.now();
    const delta = diffSnapshot(state, next, hop);
    const deltaText = JSON.stringify(delta);
    diffMs.push(performance.now() - t);
    t = performance.now();
    const fullText = JSON.stringify({ type: 'snapshot', ...next });
    v1SerialiseMs.push(performance.now() - t);
    v1Bytes.push(Buffer.byteLength(fullText));
    v2Bytes.push(Buffer.byteLength(deltaText));
    t = performance.now();
    JSON.parse(fullText);
    v1ParseMs.push(performance.now() - t);
    t = performance.now();
    held = applyDelta(held, JSON.parse(deltaText));
    v2ApplyMs.push(performance.now() - t);
    state = next;
  }
  if (JSON.stringify({ ...held, seq: undefined }) !== JSON.stringify({ type: 'snapshot', ...state }))
    throw new Error('the applied deltas do not rebuild the last snapshot');
  const kb = (xs) => `${(pct(xs, 50) / 1024).toFixed(1)} KiB`;
  const ms = (xs) => `p50 ${pct(xs, 50).toFixed(2)} / p95 ${pct(xs, 95).toFixed(2)} ms`;
  console.log(`  ${changed} tiles changed per hop (${HOPS} hops):`);
  const ratio = (pct(v1Bytes, 50) / pct(v2Bytes, 50)).toFixed(0);
  console.log(`    bytes per frame  v1 ${kb(v1Bytes)}   v2 ${kb(v2Bytes)}   (${ratio}x less)`);
  console.log(`    collector, per feed: v1 serialise ${ms(v1SerialiseMs)};  v2 diff + serialise ${ms(diffMs)}`);
  console.log(`    viewer per frame: v1 parse ${ms(v1ParseMs)};  v2 parse + apply ${ms(v2ApplyMs)}`);
}
