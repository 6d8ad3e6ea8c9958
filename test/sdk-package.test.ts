import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '@heatlens/collector';
import { afterAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';

// The SDK as a site owner gets it before it is published: `pnpm pack` of the SDK alone (no
// @heatlens/schema tarball: that package is not on npm), `npm install ./heatlens-sdk-*.tgz` into
// an empty project, then imported by Node, type-checked by a strict TypeScript consumer, bundled
// with esbuild and run in Chromium against a real collector. Needs the built dist/ (the root
// `pnpm test` builds first); installs nothing from the registry.

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** pnpm as the test was started (`pnpm test` sets npm_execpath), else the pinned one via npx. */
function pnpm(args: string[], cwd: string): string {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm\.c?js$/.test(execpath))
    return execFileSync(process.execPath, [execpath, ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

/** A browser app as a site owner writes it: the SDK from npm, bundled by esbuild. */
const APP = `
import { init } from '@heatlens/sdk';
import { trackClicks } from '@heatlens/sdk/clicks';
const h = init({ site: 'demo', endpoint: window.COLLECTOR, flushMs: 200 });
window.ready = typeof trackClicks === 'function';
document.getElementById('buy').addEventListener('click', () => h.track('buy'));
`;

describe('the packed SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-pack-'));
  const app = join(dir, 'app');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs alone into an empty project and works there: ESM, subpath exports, the script tag, types', () => {
    expect(
      existsSync(join(root, 'packages/sdk/dist/index.js')),
      'packages/sdk/dist is missing: run pnpm build first',
    ).toBe(true);
    pnpm(['pack', '--pack-destination', dir], join(root, 'packages/sdk'));
    const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tarballs).toEqual(['heatlens-sdk-0.1.0.tgz']);

    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
    // --offline: the tarball must need nothing from a registry (before, it asked for @heatlens/schema and got a 404).
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarballs[0]!)], {
      cwd: app,
      stdio: 'pipe',
    });

    const installed = JSON.parse(readFileSync(join(app, 'node_modules/@heatlens/sdk/package.json'), 'utf8'));
    expect(JSON.stringify(installed)).not.toContain('workspace:');
    expect(installed.dependencies ?? {}).toEqual({});
    expect(installed.peerDependencies ?? {}).toEqual({});
    expect(readdirSync(join(app, 'node_modules/@heatlens'))).toEqual(['sdk']);
    // Only the build ships: no sources, tests or test helpers.
    const files = execFileSync('tar', ['-tzf', join(dir, 'heatlens-sdk-0.1.0.tgz')], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(
      files.every((f) => f === 'package/package.json' || f === 'package/README.md' || f.startsWith('package/dist/')),
    ).toBe(true);
    expect(files).toContain('package/dist/types/index.d.ts');
    // No shipped file imports the unpublished schema package (declarations included).
    const named = files.filter(
      (f) =>
        f.startsWith('package/dist/') &&
        /['"]@heatlens\/schema/.test(
          readFileSync(join(app, 'node_modules/@heatlens/sdk', f.slice('package/'.length)), 'utf8'),
        ),
    );
    expect(named).toEqual([]);

    // Node loads every entry without a DOM: nothing runs at import time.
    const probe = `
      const m = await import('@heatlens/sdk');
      const subpaths = ['init', 'transport', 'pageviews', 'clicks', 'rage-clicks', 'dead-clicks', 'moves', 'scroll',
        'forms', 'media', 'downloads', 'outbound', 'image-views', 'engagement', 'custom'];
      const loaded = await Promise.all(subpaths.map((s) => import('@heatlens/sdk/' + s)));
      const { createRequire } = await import('node:module');
      const iife = createRequire(import.meta.url).resolve('@heatlens/sdk/iife');
      const fs = await import('node:fs');
      console.log(JSON.stringify({
        exports: Object.keys(m).sort(),
        subpaths: loaded.map((x) => Object.keys(x).length),
        iife: fs.readFileSync(iife, 'utf8').slice(0, 10),
      }));
    `;
    const seen = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: app, encoding: 'utf8' }),
    );
    expect(seen.exports).toEqual([
      'createTrack',
      'createTransport',
      'deadClicks',
      'init',
      'rageClicks',
      'trackClicks',
      'trackDownloads',
      'trackEngagement',
      'trackForms',
      'trackImageViews',
      'trackMedia',
      'trackMoves',
      'trackOutbound',
      'trackPageviews',
      'trackScroll',
    ]);
    expect(seen.subpaths.every((n: number) => n >= 1)).toBe(true);
    expect(seen.iife).toMatch(/^!function\(/);

    // A strict consumer type-checks against the shipped declarations, library files included.
    writeFileSync(join(app, 'main.ts'), CONSUMER);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: ['main.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
    } catch (e) {
      throw new Error(`tsc failed on the installed package:\n${(e as { stdout?: string }).stdout}`, { cause: e });
    }
  }, 180_000);

  it.runIf(hasChromium)(
    'bundled with esbuild into a page, counts a view, a click and a custom event at the collector',
    async () => {
      expect(existsSync(join(app, 'node_modules/@heatlens/sdk')), 'the install test above runs first').toBe(true);
      const { build } = await import('esbuild');
      writeFileSync(join(app, 'app.js'), APP);
      await build({
        entryPoints: [join(app, 'app.js')],
        bundle: true,
        format: 'esm',
        outfile: join(app, 'out/app.js'),
        absWorkingDir: app,
        logLevel: 'silent',
      });
      const bundle = readFileSync(join(app, 'out/app.js'), 'utf8');

      const collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
      const site = createServer((req, res) => {
        if (req.url === '/app.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
        res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end(
            `<!doctype html><title>shop</title><button id="buy" style="margin:100px">Buy</button><script>` +
              `window.COLLECTOR=${JSON.stringify(collector.url)}</script><script type="module" src="/app.js">` +
              `</script>`,
          );
      });
      await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`http://127.0.0.1:${(site.address() as { port: number }).port}/checkout`);
        await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
        await page.click('#buy');
        await page.goto('about:blank'); // pagehide: the SDK sends what it holds
        const token = collector.sites[0]!.readToken;
        const stats = async () =>
          (
            await fetch(`${collector.url}/api/stats?site=demo&path=/checkout&window=5m`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).json();
        await expect
          .poll(
            async () => {
              const s = await stats();
              return [s.views, s.clicks, s.custom?.[0]?.name];
            },
            { timeout: 10_000 },
          )
          .toEqual([1, 1, 'buy']);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await new Promise((r) => site.close(r));
        await collector.close();
      }
    },
    60_000,
  );
});
