#!/usr/bin/env node
// Import circles in production code: every relative import (type-only ones too) of the non-test
// TypeScript under packages/*/src, as a graph of files; prints each circle (a strongly connected
// component of more than one file, or a file importing itself) and exits 1 when there is one.
// `node scripts/import-circles.mjs [dir...]` (default: packages/*/src). Tests, test-support/ and the
// store contract (store/contract/) are left out: they assemble what they test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const skip = (p) => /\.test\.ts$|[\\/](test-support|contract|node_modules|dist)[\\/]/.test(p);

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.(ts|mts|mjs)$/.test(p) && !/\.d\.m?ts$/.test(p) && !skip(p)) yield p;
  }
}

/** The file an import specifier lands on (`./x.js` is `./x.ts` in the sources), or undefined. */
function land(from, spec) {
  const p = resolve(dirname(from), spec);
  for (const c of [p, p.replace(/\.js$/, '.ts'), p.replace(/\.mjs$/, '.mts'), `${p}.ts`, join(p, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

/** The import graph of `dirs`: file -> the files it imports. */
export function importGraph(dirs) {
  const graph = new Map();
  for (const dir of dirs) {
    for (const file of sources(dir)) {
      const text = readFileSync(file, 'utf8');
      const to = new Set();
      for (const m of text.matchAll(IMPORT)) {
        const target = land(file, m[1] ?? m[2]);
        if (target && !skip(target)) to.add(target);
      }
      graph.set(file, to);
    }
  }
  return graph;
}

/** The circles of `graph` (Tarjan's strongly connected components of more than one file, or a self-import). */
export function importCircles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const circles = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const part = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || graph.get(v)?.has(v)) circles.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dirs =
    process.argv.length > 2
      ? process.argv.slice(2)
      : readdirSync(join(root, 'packages'))
          .map((p) => join(root, 'packages', p, 'src'))
          .filter(existsSync);
  const graph = importGraph(dirs);
  const circles = importCircles(graph);
  for (const c of circles) console.log(`circle: ${c.map((f) => relative(root, f)).join(' <-> ')}`);
  console.log(`${graph.size} files, ${circles.length} import circle(s)`);
  process.exit(circles.length ? 1 : 0);
}
