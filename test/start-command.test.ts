import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnGathering, startEnv, waitForOutput } from '@heatlens/testkit/processes';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { buildDemo } from '../scripts/build-demo.mjs';

// `pnpm start` as a newcomer runs it: a child process on free ports, whose printout must name a
// working dashboard, SDK and shop, and which must stop cleanly on SIGTERM and SIGINT.

const repo = fileURLToPath(new URL('..', import.meta.url));
const START = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url));

type Started = { child: ChildProcess; out: () => string; dashboard: string; shop: string; token: string };

/** Run scripts/start.mjs and wait for its banner; parse the dashboard, shop and token from it. */
async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const started = spawnGathering(process.execPath, [START], { cwd: repo, env });
  await waitForOutput(started, /read token\s+\S+/, 'start.mjs');
  const out = started.output();
  const dashboard = /dashboard\s+(http:\/\/\S+)/.exec(out)![1]!;
  const shop = /demo shop\s+(http:\/\/\S+)/.exec(out)![1]!;
  const token = /read token\s+(\S+)/.exec(out)![1]!;
  return { child: started.child, out: started.output, dashboard, shop, token };
}

/** Send a signal and resolve with the exit code (fails after 10 s). */
function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no exit 10 s after ${signal}`)), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

describe('pnpm start', () => {
  let running: ChildProcess | undefined;
  let redis: TestRedis | undefined;
  afterEach(async () => {
    if (running && running.exitCode === null) running.kill('SIGKILL');
    running = undefined;
    await redis?.stop();
    redis = undefined;
  });

  it('serves the dashboard, the SDK and the shop, prints a signed-in link, and stops on SIGTERM', async () => {
    const { port, shopPort, env } = await startEnv();
    const s = await start(env);
    running = s.child;
    const collector = `http://127.0.0.1:${port}`;
    expect(s.dashboard).toBe(`${collector}/#token=${s.token}`);
    expect(s.shop).toBe(`http://127.0.0.1:${shopPort}/`);
    expect(s.out()).toContain('in memory');

    const home = await fetch(`${collector}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('/assets/dashboard.js');
    const asset = await fetch(`${collector}/assets/dashboard.js`);
    expect(asset.status).toBe(200);
    const sdk = await fetch(`${collector}/sdk.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('content-type')).toContain('javascript');
    expect((await sdk.text()).length).toBeGreaterThan(500);

    const product = await fetch(`${s.shop}product/3`);
    expect(product.status).toBe(200);
    expect(await product.text()).toContain(`<script src="${collector}/sdk.js" data-site="demo" defer></script>`);

    const sites = await fetch(`${collector}/api/sites`, { headers: { Authorization: `Bearer ${s.token}` } });
    expect(await sites.json()).toMatchObject({ sites: [{ id: 'demo', routes: ['/product/:id'] }] });

    expect(await stop(s.child, 'SIGTERM')).toBe(0);
    await expect(fetch(`${collector}/healthz`)).rejects.toThrow();
    await expect(fetch(s.shop)).rejects.toThrow();
    // It built what it needed on the way: a second build has nothing to do.
    expect(await buildDemo()).toEqual([]);
  });

  it('`pnpm start` stops on Ctrl+C with exit code 0 and no lifecycle error', async () => {
    // pnpm itself, not npx's shell wrapper around it: Ctrl+C reaches the whole process group.
    const bin = execFileSync('npx', ['-y', 'pnpm@10.34.8', 'exec', 'sh', '-c', 'command -v pnpm'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
    const { env } = await startEnv();
    const started = spawnGathering(process.execPath, [realpathSync(bin), 'start'], { cwd: repo, detached: true, env });
    const { child, output } = started;
    running = child;
    await waitForOutput(started, /Stop with Ctrl\+C/, 'pnpm start');
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toContain('SIGINT: stopping');
    expect(output()).not.toContain('ELIFECYCLE');
  }, 40_000);

  it('serves the first site of HEATLENS_SITES in the shop, warns when the shop is not an allowed origin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatlens-sites-'));
    try {
      const { shopPort, env } = await startEnv();
      const token = 'shop-read-token-0123456789';
      const file = join(dir, 'sites.json');
      writeFileSync(
        file,
        JSON.stringify([{ id: 'northwind', origins: [`http://127.0.0.1:${shopPort}`], readToken: token }]),
      );
      const s = await start({ ...env, HEATLENS_SITES: file });
      running = s.child;
      expect(s.token).toBe(token);
      expect(s.out()).not.toContain('note:');
      expect(await (await fetch(`${s.shop}guide`)).text()).toContain('data-site="northwind"');
      expect(await stop(s.child, 'SIGTERM')).toBe(0);

      writeFileSync(file, JSON.stringify([{ id: 'northwind', origins: ['https://shop.example'], readToken: token }]));
      const t = await start({ ...env, HEATLENS_SITES: file });
      running = t.child;
      expect(t.out()).toContain(`does not list http://127.0.0.1:${shopPort}`);
      expect(await stop(t.child, 'SIGTERM')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.runIf(redisAvailable())('with REDIS_URL', () => {
    it('uses Redis, counts a batch into it, and stops on SIGINT', async () => {
      redis = await startRedis();
      const { port, env } = await startEnv({ REDIS_URL: redis.url });
      const s = await start(env);
      running = s.child;
      expect(s.out()).toContain('Redis (');
      const collector = `http://127.0.0.1:${port}`;
      const t = Date.now();
      const batch = {
        v: 1,
        id: `start-${t}`,
        site: 'demo',
        sid: 'visitor-1',
        path: '/product/4',
        vw: 1280,
        sent: t,
        events: [{ type: 'pageview', ts: t, vh: 720 }],
      };
      const res = await fetch(`${collector}/collect`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: s.shop.slice(0, -1) },
        body: JSON.stringify(batch),
      });
      expect(res.status).toBe(204);
      const pages = await fetch(`${collector}/api/pages?site=demo&window=5m`, {
        headers: { Authorization: `Bearer ${s.token}` },
      });
      expect(await pages.json()).toMatchObject({ pages: [{ path: '/product/:id', views: 1 }] });
      expect(await stop(s.child, 'SIGINT')).toBe(0);
    });
  });
});
