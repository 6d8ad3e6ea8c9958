import { OWNER_MARK } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { eventually, flush, hide, useHarness, BUILDS } from './fixtures/sdk-harness.js';
import { hasChromium } from '@heatlens/testkit/chromium';

// Failures found by pages rebuilt from public bug reports of other analytics SDKs, each run
// through both builds: the script tag (sloppy mode) and the npm build as an ES module (strict
// mode). One `it` per kind: the reported example, then one more member of the kind.

for (const [build, pre] of BUILDS)
  describe.runIf(hasChromium)(`SDK in the field (${build})`, () => {
    const h = useHarness();

    it('1. frozen history, a throwing getter, no IntersectionObserver: each costs only its own feature', async () => {
      const frozen = await h.open(`${pre}/field/frozen`, (p) =>
        p.addInitScript(() => {
          for (const k of ['pushState', 'replaceState'])
            Object.defineProperty(history, k, { value: History.prototype[k as 'pushState'], writable: false });
        }),
      );
      await frozen.page.click('#title');
      await flush(frozen.page);
      await eventually(
        async () => frozen.of('click').length,
        (n) => n > 0,
      );
      expect(frozen.of('pageview')).toHaveLength(1);
      expect(frozen.errors).toEqual([]);

      const odd = await h.open(`${pre}/field/odd`, (p) =>
        p.addInitScript(() => {
          Object.defineProperty(navigator, 'language', {
            get: () => {
              throw new Error('blocked');
            },
          });
          delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
        }),
      );
      await odd.page.click('#title');
      await flush(odd.page);
      await eventually(
        async () => odd.of('click').length,
        (n) => n > 0,
      );
      expect(odd.of('pageview')).toEqual([expect.objectContaining({ vh: 800 })]);
      expect(odd.errors).toEqual([]);
    });

    it('2. URLs carry no content and no per-object ids: data: and blob: downloads, a data: image', async () => {
      const { page, of } = await h.open(`${pre}/field/urls`);
      await page.click('#csv');
      await page.click('#blob');
      await page.click('#blob');
      await page.waitForTimeout(1300); // the image view needs 1 s in view
      await flush(page);
      await eventually(
        async () => of('image_view').length + of('download').length,
        (n) => n >= 4,
      );
      expect(of('download').map((d) => d.url)).toEqual(['data:text/csv', 'blob:' + h.site.url, 'blob:' + h.site.url]);
      expect(of('image_view').map((i) => i.src)).toEqual(['data:image/svg+xml']);
    });

    it('3. media complete once per pass: a loop, a replay after the end', async () => {
      const { page, of } = await h.open(`${pre}/field/media`);
      await page.click('#title'); // a user gesture before play()
      // The looping 2 s clip plays for about 5.2 s: two passes complete, a third is under way.
      await page.evaluate(async () => {
        const a = document.getElementById('loop') as HTMLAudioElement;
        await a.play();
        let played = 0;
        let last = a.currentTime;
        await new Promise<void>((r) =>
          a.addEventListener('timeupdate', () => {
            played += a.currentTime >= last ? a.currentTime - last : a.currentTime + a.duration - last;
            last = a.currentTime;
            if (played >= 5.2) {
              a.pause();
              r();
            }
          }),
        );
      });
      // The other clip played to its end twice.
      await page.evaluate(async () => {
        const a = document.getElementById('once') as HTMLAudioElement;
        for (let i = 0; i < 2; i++) {
          await a.play();
          await new Promise((r) => a.addEventListener('ended', r, { once: true }));
        }
      });
      await flush(page);
      await eventually(
        async () => of('media').filter((m) => m.src?.endsWith('once.wav')).length,
        (n) => n >= 10,
      );
      const actions = (file: string) => {
        const n: Record<string, number> = {};
        for (const m of of('media')) if (m.src?.endsWith(file)) n[m.action] = (n[m.action] ?? 0) + 1;
        return n;
      };
      expect(actions('once.wav')).toEqual({ play: 2, p25: 2, p50: 2, p75: 2, complete: 2 });
      const loop = actions('loop.wav');
      expect(loop.complete).toBe(2);
      expect(loop).toMatchObject({ play: 3, p25: 3, p50: 3 });
      expect(loop.p75! - loop.complete!).toBeLessThanOrEqual(1);
    });

    it('4. a triple click selecting text is neither; dead is dead despite selection and class churn', async () => {
      const { page, of } = await h.open(`${pre}/field/clicks`);
      await page.click('#para', { clickCount: 3, delay: 40 });
      expect(await page.evaluate(() => getSelection()!.toString().length)).toBeGreaterThan(10);
      await page.waitForTimeout(1200);
      // With the paragraph still selected, and the navigation bar churning classes: dead.
      await page.evaluate(() => getSelection()!.selectAllChildren(document.getElementById('para')!));
      await page.click('#title');
      await page.waitForTimeout(1200);
      // Effects near the target are not dead: a dialog opens, a list grows next to it.
      await page.click('#opener');
      await page.click('#more');
      await page.waitForTimeout(1300);
      await flush(page);
      await eventually(
        async () => of('click').length,
        (n) => n >= 6,
      );
      const para = of('click').filter((c) => c.sel?.includes('p#para'));
      expect(para).toHaveLength(3);
      expect(para.some((c) => c.rage || c.dead)).toBe(false);
      expect(of('click').find((c) => c.sel == 'h2#title')).toMatchObject({ dead: true });
      expect(of('click').find((c) => c.sel == 'button#opener')?.dead).toBeUndefined();
      expect(of('click').find((c) => c.sel == 'span#more')?.dead).toBeUndefined();
    });

    it('4b. a live region or aria-controls target changed elsewhere is an effect; text churn is not', async () => {
      const { page, of } = await h.open(`${pre}/field/effects`);
      // One at a time: a click that moves focus would settle the one before it. A click is sent
      // only once its verdict is in, so the next waits for it.
      for (const [i, sel] of ['#add', '#filters', '#plain'].entries()) {
        await page.click(sel);
        await eventually(
          async () => (await flush(page), of('click').length),
          (n) => n > i,
        );
      }
      const dead = Object.fromEntries(of('click').map((c) => [c.sel, !!c.dead]));
      expect(dead).toEqual({ 'button#add': false, 'button#filters': false, 'h3#plain': true });
    });

    it('5. a 546-char non-Latin path: a bounded key, no split escape, the read API answers the real path', async () => {
      const path = `${pre}/field/` + encodeURIComponent('文'.repeat(60));
      const { page, batches } = await h.open(path);
      await eventually(
        async () => batches.length,
        (n) => n > 0,
      );
      // The SDK sends the pathname as it is (cut only past MAX_SENT_URL, never inside an escape);
      // the collector keys it by the schema's pageKey, as the read API asks for it.
      const real = await page.evaluate(() => location.pathname);
      expect(real.length).toBeGreaterThan(512);
      expect(batches[0]!.path).toBe(real);
      // The overlay asks for the real path (location.pathname): 200, and the view is there.
      const stats = await eventually(
        () => h.stats(real),
        (s) => s.views >= 1,
      );
      expect(stats.views).toBe(1);
      // Stored under a bounded key with no split escape.
      const { pages } = await h.api<{ pages: { path: string }[] }>('/api/pages?site=demo&window=5m');
      const key = pages.map((p) => p.path).find((p) => p.startsWith(`${pre}/field/%E6`))!;
      expect(key.length).toBeLessThanOrEqual(512);
      expect(key.replace(/~[0-9a-z]+$/, '')).toMatch(/^[^%]*(%[0-9A-F]{2})*$/);
      expect(decodeURIComponent(key.replace(/~[0-9a-z]+$/, ''))).not.toContain('\ufffd');
      // Another long path with the same first 512 chars is another page.
      const other = await eventually(
        () => h.stats(real + 'x'),
        () => true,
      );
      expect(other.views).toBe(0);
    });

    it('7. the owner is not counted: marked before the SDK loads, nothing sent; a later mark stops it', async () => {
      // As the extension's content script does at document_start (before <html> may exist).
      const marked = await h.open(`${pre}/field/owner`, (p) =>
        p.addInitScript((m) => {
          const mark = () => !!document.documentElement?.setAttribute(m, '') || !document.documentElement;
          if (mark()) new MutationObserver((_, o) => mark() || o.disconnect()).observe(document, { childList: true });
        }, OWNER_MARK),
      );
      await marked.page.click('#title');
      await flush(marked.page);
      await hide(marked.page);
      await marked.page.waitForTimeout(300);
      expect(marked.batches).toEqual([]);

      const later = await h.open(`${pre}/field/owner-later`);
      await eventually(
        async () => later.batches.length,
        (n) => n > 0,
      );
      const before = later.batches.length;
      await later.page.evaluate((m) => document.documentElement.setAttribute(m, ''), OWNER_MARK);
      await later.page.click('#title');
      await flush(later.page);
      await hide(later.page);
      await later.page.waitForTimeout(300);
      expect(later.batches.length).toBe(before);
    });
  });
