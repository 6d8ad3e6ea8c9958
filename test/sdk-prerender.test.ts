import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from '@heatlens/testkit/chromium';
import { eventually, startHarness, type Harness, BUILDS } from './fixtures/sdk-harness.js';

// A view counts once per page the visitor saw: a page prerendered by Speculation Rules runs (its
// scripts, `pageshow`, a consent manager restoring consent) before anyone sees it, and may never
// be shown. Chromium turns prerendering off while a DevTools client drives it, so this suite runs
// the browser on its own, headless, and the pages drive themselves (prerender-a.html: `#go`
// follows the link after 4 s); what the collector counted is the verdict.

/** Headless Chromium on a fresh profile, opening `url`; no DevTools client attached. */
function openAlone(url: string): { proc: ChildProcess; close(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-prerender-'));
  const proc = spawn(
    chromiumPath()!,
    [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${dir}`, '--window-size=1280,800', url],
    // Its own process group: the browser's helpers (renderers, zygote) end with it.
    { stdio: 'ignore', detached: true },
  );
  return {
    proc,
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        process.kill(-proc.pid!, 'SIGKILL');
        await exited;
      }
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // a helper still writing: the temp dir stays, nothing else depends on it
      }
    },
  };
}

for (const [build, pre] of BUILDS)
  describe.runIf(hasChromium)(`page views of prerendered pages (${build})`, () => {
    let h: Harness;
    let consent: Harness;
    const open: { close(): Promise<void> }[] = [];
    beforeAll(async () => {
      h = await startHarness();
      consent = await startHarness({}, 'data-require-consent', { requireConsent: true });
    });
    afterAll(async () => {
      for (const o of open) await o.close();
      await h?.close();
      await consent?.close();
    });

    /** Runs the prerendering page `hash` on harness `x` until `done` holds; closes the browser. */
    async function run(x: Harness, hash: string, done: () => Promise<boolean>) {
      const before = x.site.seen.filter((p) => p.endsWith('/ran-while-prerendering')).length;
      const b = openAlone(`${x.site.url}${pre}/field-3/prerender-a${hash}`);
      open.push(b);
      // The prerendered page ran its scripts, so its SDK ran too.
      await eventually(
        async () => x.site.seen.filter((p) => p.endsWith('/ran-while-prerendering')).length,
        (n) => n > before,
        15_000,
      );
      await eventually(done, (d) => d, 10_000);
      // Anything late still has time to arrive.
      await new Promise((r) => setTimeout(r, 1500));
      await b.close();
    }

    it('a prerendered page never shown counts no view; once activated, one', async () => {
      const b = `${pre}/field-3/prerender-b`;
      // Never activated: the visitor stays on the first page.
      await run(h, '', async () => true);
      await new Promise((r) => setTimeout(r, 2500));
      expect((await h.stats(b)).views).toBe(0);
      expect((await h.stats(b)).visitors).toBe(0);
      // Activated: the visitor follows the link.
      await run(h, '#go', async () => (await h.stats(b)).views > 0);
      expect((await h.stats(b)).views).toBe(1);
    }, 60_000);

    it('another member: consent restored while prerendering counts nothing until the page is shown', async () => {
      const c = `${pre}/field-3/prerender-c`;
      await run(consent, '#consent', async () => true);
      await new Promise((r) => setTimeout(r, 2500));
      expect((await consent.stats(c)).views).toBe(0);
      await run(consent, '#consent-go', async () => (await consent.stats(c)).views > 0);
      expect((await consent.stats(c)).views).toBe(1);
    }, 60_000);
  });
