#!/usr/bin/env node
// `pnpm bench --only=fidelity-rows` (or `node bench/fidelity-rows.mjs [--pages=a,b]
// [--widths=390,1280] [--detail]`): which tile row height keeps click heat on the clicked elements?
// The tile layer alone, on the fidelity pages: rows of y/h (v1), rows of y/w, and 16, 20, 24 px
// rows, scored at the visitors' width and at another width of the same segment. Chromium measures
// geometry only; tiling and heat are pure JS (bench/fidelity/rows-sweep.mjs). Needs no build.
// Prints; asserts nothing.
import { runRowsSweep } from './fidelity/rows-sweep.mjs';

export { runRowsSweep };

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  await runRowsSweep({
    ...(arg('pages') ? { pages: arg('pages').split(',') } : {}),
    ...(arg('widths') ? { widths: arg('widths').split(',').map(Number) } : {}),
    detail: process.argv.includes('--detail'),
  });
}
