import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The SDK as a site owner gets it: packed (pnpm pack turns `workspace:*` into the version, as
// `pnpm publish` does), installed with npm into an empty project, then imported by Node and
// type-checked by a strict TypeScript consumer. Needs the built dist/ (the root `pnpm test`
// builds first) and the npm registry for @heatlens/schema's one dependency.

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** pnpm as the test was started (`pnpm test` sets npm_execpath), else the pinned one via npx. */
function pnpm(args: string[], cwd: string): string {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm\.c?js$/.test(execpath)) return execFileSync(process.execPath, [execpath, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager as string;
  return execFileSync('npx', ['-y', version, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const CONSUMER = `
import { init, type Heatlens } from '@heatlens/sdk';
import { trackClicks } from '@heatlens/sdk/clicks';
import { rageClicks } from '@heatlens/sdk/rage-clicks';
import { createTransport } from '@heatlens/sdk/transport';

const h: Heatlens<'signup'> = init<'signup'>({ site: 'demo', endpoint: 'https://stats.example', rageCount: 4, exclude: ['/admin/*'] });
h.track('signup');
// @ts-expect-error: not one of the names init was given
h.track('upgrade');
const t = createTransport({ endpoint: 'https://stats.example', site: 'demo' });
const stop = trackClicks((e, href) => {
  const x: number = e.x;
  // @ts-expect-error: a click has no depth
  const d: number = e.depth;
  if (x >= 0 && d !== 0) t.push(e, href);
}, { flags: [rageClicks({ rageMs: 800 })] });
stop();
`;

describe('the packed SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs into an empty project and works there: ESM, subpath exports, the script tag, types', () => {
    expect(existsSync(join(root, 'packages/sdk/dist/index.js')), 'packages/sdk/dist is missing: run pnpm build first').toBe(true);
    for (const pkg of ['schema', 'sdk']) pnpm(['pack', '--pack-destination', dir], join(root, 'packages', pkg));
    const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tarballs.sort()).toEqual(['heatlens-schema-0.1.0.tgz', 'heatlens-sdk-0.1.0.tgz']);

    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((t) => join(dir, t))], { cwd: app, stdio: 'pipe' });

    const installed = JSON.parse(readFileSync(join(app, 'node_modules/@heatlens/sdk/package.json'), 'utf8'));
    expect(JSON.stringify(installed)).not.toContain('workspace:');
    expect(installed.dependencies).toEqual({ '@heatlens/schema': '0.1.0' });
    // Only the build ships: no sources, tests or test helpers.
    const files = execFileSync('tar', ['-tzf', join(dir, 'heatlens-sdk-0.1.0.tgz')], { encoding: 'utf8' }).trim().split('\n');
    expect(files.every((f) => f === 'package/package.json' || f === 'package/README.md' || f.startsWith('package/dist/'))).toBe(true);
    expect(files).toContain('package/dist/types/index.d.ts');

    // Node loads every entry without a DOM: nothing runs at import time.
    const probe = `
      const m = await import('@heatlens/sdk');
      const subpaths = ['init', 'transport', 'pageviews', 'clicks', 'rage-clicks', 'dead-clicks', 'moves', 'scroll', 'forms', 'media', 'downloads', 'outbound', 'image-views', 'engagement', 'custom'];
      const loaded = await Promise.all(subpaths.map((s) => import('@heatlens/sdk/' + s)));
      const { createRequire } = await import('node:module');
      const iife = createRequire(import.meta.url).resolve('@heatlens/sdk/iife');
      const fs = await import('node:fs');
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), subpaths: loaded.map((x) => Object.keys(x).length), iife: fs.readFileSync(iife, 'utf8').slice(0, 10) }));
    `;
    const seen = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: app, encoding: 'utf8' }));
    expect(seen.exports).toEqual(
      ['createTrack', 'createTransport', 'deadClicks', 'init', 'rageClicks', 'trackClicks', 'trackDownloads', 'trackEngagement', 'trackForms', 'trackImageViews', 'trackMedia', 'trackMoves', 'trackOutbound', 'trackPageviews', 'trackScroll'],
    );
    expect(seen.subpaths.every((n: number) => n >= 1)).toBe(true);
    expect(seen.iife).toMatch(/^!function\(/);

    // A strict consumer type-checks against the shipped declarations, library files included.
    writeFileSync(join(app, 'main.ts'), CONSUMER);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false }, files: ['main.ts'] }),
    );
    try {
      execFileSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
    } catch (e) {
      throw new Error(`tsc failed on the installed package:\n${(e as { stdout?: string }).stdout}`);
    }
  }, 180_000);
});
