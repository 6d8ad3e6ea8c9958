/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// happy-dom gives this file an http import.meta.url; the directory is still the file's own.
const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

describe('content script budget', () => {
  it('is at most 15 KB min+brotli (size-limit on the built content script)', () => {
    // The root `pnpm test` builds first; a bare `vitest run` builds here when it must.
    if (!existsSync(`${root}/dist/chrome/content.js`))
      execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const out = execFileSync(bin('size-limit'), ['--json'], { cwd: root, encoding: 'utf8' });
    const [entry] = JSON.parse(out) as Array<{ name: string; passed: boolean; size: number }>;
    console.log(`content script: ${entry!.size} B min+brotli (budget 15,000 B)`);
    expect(entry!.passed).toBe(true);
    expect(entry!.size).toBeGreaterThan(1_000); // really measured the bundle, not an empty file
    expect(entry!.size).toBeLessThanOrEqual(15_000);
  });
});
