import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dashboard is built by the collector's `pnpm build` into public/assets/ (not committed).
const asset = (p: string) => fileURLToPath(new URL(`../packages/collector/public/${p}`, import.meta.url));

describe('dashboard bundle', () => {
  it('is built: one module with uPlot inside, and one stylesheet', () => {
    const js = readFileSync(asset('assets/dashboard.js'), 'utf8');
    expect(js.length).toBeGreaterThan(10_000);
    expect(readFileSync(asset('assets/dashboard.css'), 'utf8')).toContain('.uplot');
  });

  it('links the bundle and its stylesheet from index.html', () => {
    const html = readFileSync(asset('index.html'), 'utf8');
    expect(html).toContain('<script type="module" src="/assets/dashboard.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/dashboard.css">');
  });
});
