import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourcesHash } from '../packages/collector/dashboard/sources-hash.mjs';

// The dashboard's bundle is committed (a fresh clone serves it without the build toolchain), so
// it must be rebuilt with every change to its sources. The build stamps a hash of the sources
// into the bundle; this compares it with the sources as they are.

const bundle = fileURLToPath(new URL('../packages/collector/public/assets/dashboard.js', import.meta.url));

describe('committed dashboard bundle', () => {
  it('was built from the current sources', () => {
    const stamped = /sources sha256:([0-9a-f]{64})/.exec(readFileSync(bundle, 'utf8').slice(0, 300))?.[1];
    expect(stamped, 'packages/collector/public/assets/dashboard.js has no sources stamp').toBeDefined();
    expect(stamped, 'the dashboard bundle is stale: run `pnpm run build:dashboard` in packages/collector and commit it').toBe(sourcesHash());
  });

  it('links the bundle and its stylesheet from index.html', () => {
    const html = readFileSync(fileURLToPath(new URL('../packages/collector/public/index.html', import.meta.url)), 'utf8');
    expect(html).toContain('<script type="module" src="/assets/dashboard.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/dashboard.css">');
  });
});
