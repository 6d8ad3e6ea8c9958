import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';

// What `pnpm build` hands to the stores (RELEASING.md): a zip per browser under the manifest's
// version, each holding its unpacked build, and the source archive addons.mozilla.org asks for,
// which holds what rebuilds the extension and nothing installed or built. Needs the built dist/
// (the root `pnpm test` builds first).

const dist = fileURLToPath(new URL('../packages/extension/dist/', import.meta.url));
const { version } = JSON.parse(
  readFileSync(fileURLToPath(new URL('../packages/extension/src/manifest.json', import.meta.url)), 'utf8'),
) as { version: string };

/** Every entry of a zip: name -> contents. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error(`cannot open ${path}`));
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('the extension packages pnpm build writes', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    it(`zips the ${browser} build under the manifest's version, file for file`, async () => {
      const path = join(dist, `heatlens-${browser}-${version}.zip`);
      expect(existsSync(path), path).toBe(true);
      const entries = await unzip(path);
      const built = readdirSync(join(dist, browser)).sort();
      expect([...entries.keys()].sort()).toEqual(built);
      for (const name of built) expect(entries.get(name)!.equals(readFileSync(join(dist, browser, name)))).toBe(true);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(manifest.version).toBe(version);
      if (browser === 'chrome') expect(manifest.background).toEqual({ service_worker: 'background.js' });
      else {
        expect(manifest.background).toEqual({ scripts: ['background.js'] });
        expect(manifest.browser_specific_settings.gecko).toMatchObject({
          id: 'heatlens@heatlens.dev',
          strict_min_version: '140.0',
        });
        expect(manifest.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
      }
    });
  }

  it('writes the source archive: the extension, the package it bundles, the lockfile and how to build', async () => {
    const entries = await unzip(join(dist, `heatlens-sources-${version}.zip`));
    const names = [...entries.keys()];
    for (const name of [
      'SOURCES.md',
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'tsconfig.base.json',
      'packages/extension/package.json',
      'packages/extension/rollup.config.mjs',
      'packages/extension/scripts/package.mjs',
      'packages/extension/src/manifest.json',
      'packages/extension/src/content/index.ts',
      'packages/schema/package.json',
      'packages/schema/src/index.ts',
      'packages/testkit/package.json',
    ])
      expect(names).toContain(name);
    expect(names.filter((n) => /(^|\/)(node_modules|dist)\//.test(n))).toEqual([]);
    expect(names.filter((n) => !/^(packages\/(extension|schema|testkit)\/|[^/]+$)/.test(n))).toEqual([]);
    expect(entries.get('SOURCES.md')!.toString('utf8')).toContain('--filter heatlens-extension build');
  });
});
