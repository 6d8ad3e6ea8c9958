import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SITES, get, openLive } from '@heatlens/testkit/collector';
import { spawnMain } from '../test-support/spawn-main.js';

/** A real collector process re-reads HEATLENS_SITES on SIGHUP: a rotated token closes its sockets. */
describe('SIGHUP reloads HEATLENS_SITES', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-sighup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates a read token without a restart, and keeps the sites in force on a bad file', async () => {
    const file = join(dir, 'sites.json');
    writeFileSync(file, JSON.stringify(SITES));
    const { url, child, output } = await spawnMain({ HEATLENS_SITES: file });
    try {
      const old = SITES[0]!.readToken;
      const live = await openLive(url, 'site=shop&path=/', old);
      const closed = new Promise<number>((r) => live.ws.once('close', (code) => r(code)));

      // A file that does not validate is ignored: the old token still reads.
      writeFileSync(file, '[{"id": "bad id"}]');
      child.kill('SIGHUP');
      for (let i = 0; !output().includes('sites not reloaded'); i++) {
        if (i > 100) throw new Error(`no reload error logged:\n${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await get(url, '/api/sites', old)).status).toBe(200);

      const rotated = 'shop-rotated-token-9876543210';
      writeFileSync(file, JSON.stringify([{ ...SITES[0]!, readToken: rotated }, SITES[1]!]));
      child.kill('SIGHUP');
      expect(await closed).toBe(1008);
      expect((await get(url, '/api/sites', old)).status).toBe(401);
      expect((await get(url, '/api/sites', rotated)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
