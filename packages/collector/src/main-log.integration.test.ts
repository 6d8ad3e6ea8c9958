import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITES } from '@heatlens/testkit/collector';
import { healthy, spawnMain } from './test-support/spawn-main.js';

/** Start the collector process as `heatlens-collector` does; resolve its JSON log lines once it answers. */
async function startupLog(
  env: Record<string, string>,
): Promise<{ url: string; lines: { msg: string; [k: string]: unknown }[] }> {
  const main = await spawnMain(
    { HEATLENS_SITES: '', REDIS_URL: '', REDIS_CLUSTER: '', LOG_LEVEL: '', ...env },
    async (p) => p.output().includes('"msg":"dashboard"') && (await healthy(p)),
  );
  try {
    await new Promise((r) => setTimeout(r, 100));
    return {
      url: main.url,
      lines: main
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l)),
    };
  } finally {
    main.child.kill('SIGTERM');
  }
}

// The standalone collector's first log lines say where to go, as `pnpm start`'s banner does.
describe('heatlens-collector startup log', () => {
  it('logs the dashboard URL and, for the built-in demo site, a link that signs in', async () => {
    const { url, lines } = await startupLog({});
    expect(lines.find((l) => l.msg === 'dashboard')).toMatchObject({ level: 30, dashboard: `${url}/` });
    const demo = lines.find((l) => typeof l.signIn === 'string');
    expect(demo).toMatchObject({ level: 30, site: 'demo' });
    const token = demo!.readToken as string;
    expect(demo!.signIn).toBe(`${url}/#token=${token}`);
    expect(demo!.msg).toContain(`${url}/#token=${token}`);
  }, 30_000);

  it('logs the dashboard URL, and no sign-in link, for sites of HEATLENS_SITES', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatlens-main-log-'));
    try {
      const file = join(dir, 'sites.json');
      writeFileSync(file, JSON.stringify(SITES));
      const { url, lines } = await startupLog({ HEATLENS_SITES: file });
      expect(lines.find((l) => l.msg === 'dashboard')).toMatchObject({ dashboard: `${url}/` });
      expect(lines.some((l) => 'signIn' in l)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
