// No import circle in production code (scripts/import-circles.mjs), and the check finds one when it is there.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCircles, importGraph } from '../../../../scripts/import-circles.mjs';

const packages = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heatlens-circles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import circles', () => {
  it('finds none in packages/*/src', () => {
    const srcs = readdirSync(packages).map((p) => join(packages, p, 'src'));
    const graph = importGraph(srcs.filter(existsSync));
    expect(graph.size).toBeGreaterThan(100);
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a type-only circle of two files, and leaves tests out', () => {
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
    writeFileSync(join(dir, 'b.ts'), "import { c } from './c.js';\nexport type B = { a: import('./a.js').A };\n");
    writeFileSync(join(dir, 'c.ts'), 'export const c = 1;\n');
    writeFileSync(join(dir, 'c.test.ts'), "import { c } from './c.js';\nimport './c.test.ts';\n");
    const circles = importCircles(importGraph([dir]));
    expect(circles).toEqual([[join(dir, 'a.ts'), join(dir, 'b.ts')]]);
  });
});
