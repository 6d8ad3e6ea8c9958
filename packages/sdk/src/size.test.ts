// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Size is a test: size-limit (esbuild + brotli, as a site owner ships it) against the budgets in
// .size-limit.cjs, on the built dist/ (the root `pnpm test` builds first). The limits there guard
// against regressions; the design's budgets are printed beside them.

const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../node_modules/.bin/size-limit', import.meta.url));

/** DESIGN.md's budgets (min+brotli bytes) by entry name prefix. */
const BUDGETS: [string, number][] = [
  ['heatmap core', 2500],
  ['everything', 4800],
  ['script tag', 4800],
];

type Row = { name: string; size: number; sizeLimit?: number; passed?: boolean };

describe('bundle size', () => {
  test('every entry is within its size-limit budget (min+brotli)', () => {
    expect(existsSync(`${pkg}/dist/index.js`), 'packages/sdk/dist is missing: run pnpm build first').toBe(true);
    let out: string;
    try {
      out = execFileSync(bin, ['--json'], { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // size-limit exits 1 when a limit is exceeded and still prints its JSON.
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const rows = JSON.parse(out) as Row[];
    console.log(
      [
        'entry (min+brotli)'.padEnd(50) + 'bytes'.padStart(7) + 'limit'.padStart(7),
        ...rows.map((r) => r.name.padEnd(50) + String(r.size).padStart(7) + String(r.sizeLimit ?? '').padStart(7)),
      ].join('\n'),
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.size, r.name).toBeLessThanOrEqual(r.sizeLimit!);
    // The design's budgets, printed beside the guards until the entries are back under them (see
    // the header of .size-limit.cjs for what stands between each entry and its budget).
    for (const [prefix, budget] of BUDGETS) {
      const r = rows.find((x) => x.name.startsWith(prefix))!;
      console.log(
        `${prefix}: ${r.size} B, budget ${budget} B${r.size > budget ? ` (over by ${r.size - budget} B)` : ''}`,
      );
    }
  }, 60_000);
});
