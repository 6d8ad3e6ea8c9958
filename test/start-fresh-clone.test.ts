import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnGathering, startEnv, waitForOutput } from '@heatlens/testkit/processes';

// The README's first command, word for word, from a fresh clone of what is committed: install,
// then start (which builds only what the demo needs, with esbuild), then `/`, `/sdk.js` and a shop
// page must answer, and it must stop on SIGTERM. The install takes a while on a cold store, so it
// runs in CI (HEATLENS_REQUIRE_BROWSER=1 or CI set) or when asked with HEATLENS_FRESH_CLONE=1.
// How long it takes is printed by `node bench/start-time.mjs`, never asserted here.

const repo = fileURLToPath(new URL('..', import.meta.url));
const wanted =
  process.env.CI === 'true' || process.env.HEATLENS_REQUIRE_BROWSER === '1' || process.env.HEATLENS_FRESH_CLONE === '1';

/** The first command of the README's first `sh` block. */
function readmeFirstCommand(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const line = block.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
  return line.replace(/\s+#.*$/, '').trim();
}

describe.runIf(wanted)("the README's first command, from a fresh clone", () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-clone-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the collector, the shop and the dashboard, and stops on SIGTERM', async () => {
    const command = readmeFirstCommand();
    expect(command).toMatch(/install .*start/);
    execFileSync('git', ['clone', '--quiet', repo, dir]);
    const { port, shopPort, env } = await startEnv({ CI: 'true' });
    // Its own process group, so SIGTERM reaches the shell, npx, pnpm and node alike.
    const started = spawnGathering('sh', ['-c', command], { cwd: dir, detached: true, env });
    child = started.child;
    await waitForOutput(started, /read token\s+\S+/, `\`${command}\``, 280_000);
    const collector = `http://127.0.0.1:${port}`;
    const home = await fetch(`${collector}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('/assets/dashboard.js');
    // Every asset the dashboard references is served, and its stylesheet holds every stylesheet of
    // the dashboard's sources (the quick build once left out sources.css).
    const refs = [...html.matchAll(/(?:src|href)="(\/[^"#?]+)"/g)].map((m) => m[1]!);
    expect(refs).toEqual(expect.arrayContaining(['/assets/dashboard.js', '/assets/dashboard.css']));
    for (const ref of refs) expect((await fetch(`${collector}${ref}`)).status, ref).toBe(200);
    const css = await (await fetch(`${collector}/assets/dashboard.css`)).text();
    // share.css is the shared page's own sheet (public/share.html), served beside its script.
    const own = readdirSync(join(dir, 'packages/collector/dashboard/src')).filter(
      (f) => f.endsWith('.css') && f !== 'share.css',
    );
    expect(own).toContain('sources.css');
    for (const ref of ['/assets/share.css', '/assets/share.js'])
      expect((await fetch(`${collector}${ref}`)).status, ref).toBe(200);
    for (const f of own) {
      const rule = readFileSync(join(dir, 'packages/collector/dashboard/src', f), 'utf8').match(/^[.#][^{\n]+\{/m)?.[0];
      expect(css, `${f}: ${rule}`).toContain(rule);
    }
    const sdk = await fetch(`${collector}/sdk.js`);
    expect(sdk.status).toBe(200);
    expect((await sdk.text()).length).toBeGreaterThan(500);
    const page = await fetch(`http://127.0.0.1:${shopPort}/product/1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`${collector}/sdk.js`);

    // The shell and pnpm go at once; the collector and the shop close gracefully, then stop answering.
    process.kill(-child.pid!, 'SIGTERM');
    const up = (url: string) =>
      fetch(url).then(
        () => 'up',
        () => 'down',
      );
    await expect.poll(() => up(`${collector}/healthz`), { timeout: 15_000 }).toBe('down');
    await expect.poll(() => up(`http://127.0.0.1:${shopPort}/`), { timeout: 15_000 }).toBe('down');
  }, 300_000);
});
