import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnGathering, startEnv, waitForOutput } from '@heatlens/testkit/processes';

// `pnpm start` when another program holds its ports: it takes free ones, says so, and prints the
// URLs it really serves (and the simulate command that reaches them). Before, it stopped.

const repo = fileURLToPath(new URL('..', import.meta.url));
const START = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url));

const hold = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });

describe('pnpm start with its ports taken', () => {
  let child: ChildProcess | undefined;
  const held: Server[] = [];
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('listens on free ports instead, prints them, and serves the dashboard and the shop there', async () => {
    const { port, shopPort, env } = await startEnv();
    held.push(await hold(port), await hold(shopPort));
    const started = spawnGathering(process.execPath, [START], { cwd: repo, env });
    child = started.child;
    await waitForOutput(started, /read token\s+\S+/, 'start.mjs');
    const out = started.output();
    expect(out).toContain(`port ${port} is taken`);
    expect(out).toContain(`port ${shopPort} is taken`);
    const dashboard = /dashboard\s+(http:\/\/\S+)\/#token=/.exec(out)![1]!;
    const shop = /demo shop\s+(http:\/\/\S+)\//.exec(out)![1]!;
    expect(dashboard).not.toBe(`http://127.0.0.1:${port}`);
    expect(shop).not.toBe(`http://127.0.0.1:${shopPort}`);
    expect((await fetch(`${dashboard}/healthz`)).status).toBe(200);
    expect((await fetch(`${shop}/product/1`)).status).toBe(200);
    expect(out).toContain(`pnpm simulate --collector ${dashboard} --shop ${shop}`);
  }, 120_000);
});
