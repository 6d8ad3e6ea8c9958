import type { Batch } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '@heatlens/testkit/chromium';
import { eventually, flush, useHarness, BUILDS, settle } from './fixtures/sdk-harness.js';

// The third round of field cases (pages under test/fixtures/field-3/), each through both builds:
// the script tag and the npm build as an ES module. One `it` per kind: the reported example, then
// one more member of the kind. Prerendering is in sdk-prerender.test.ts (it needs a browser that
// no DevTools client drives).

for (const [build, pre] of BUILDS)
  describe.runIf(hasChromium)(`SDK in the field, round three (${build})`, () => {
    const h = useHarness();

    it('keyboard activations count for their element (Enter, Space, a link), never at (0, 0)', async () => {
      const path = `${pre}/field-3/keyboard`;
      const { page, of } = await h.open(path);
      await page.focus('#save');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
      await settle();
      // Another member: Space on a button that works, Enter on a link below the first screen.
      await page.focus('#toggle');
      await page.keyboard.press('Space');
      await page.evaluate(() => scrollTo(0, 900));
      await page.focus('#more');
      await page.keyboard.press('Enter');
      // A script's click() is no visitor's: not counted.
      await page.evaluate(() => document.getElementById('scripted')!.click());
      await settle();
      await flush(page);
      const clicks = await eventually(
        async () => of('click'),
        (c) => c.length >= 5,
      );
      const save = clicks.filter((c) => c.sel == 'button#save');
      expect(save).toHaveLength(3);
      // The element's centre (400 + 60, 300 + 20), in page px.
      for (const c of save) expect(c).toMatchObject({ x: 460, y: 320, ex: 0.5, ey: 0.5, dead: true });
      expect(save[2]!.rage).toBe(true);
      expect(clicks.find((c) => c.sel == 'button#toggle')).toMatchObject({ x: 460, y: 420 });
      expect(clicks.find((c) => c.sel == 'button#toggle')!.dead).toBeUndefined();
      const more = clicks.find((c) => c.sel == 'a#more')!;
      expect(more.y).toBeGreaterThan(1200);
      expect(clicks.some((c) => c.sel == 'button#scripted')).toBe(false);
      expect(clicks.some((c) => c.x == 0 && c.y == 0)).toBe(false);
      // The collector's counts and element heat have them.
      const stats = await eventually(
        () => h.stats(path),
        (s) => s.clicks >= 5,
      );
      expect(stats.clicks).toBe(5);
      expect(stats.rage).toBeGreaterThanOrEqual(1);
      const map = await h.heatmap(path, 'click');
      expect(map.elements?.find((e) => e.sel == 'button#save')?.count).toBe(3);
      expect(map.tiles.some(([tx, ty]) => tx == 0 && ty == 0)).toBe(false);
    });

    it('a click with a visible effect is not dead: a popover, a class that collapses a sidebar, a scroll', async () => {
      const { page, of } = await h.open(`${pre}/field-3/effects`);
      // One at a time, each on its own: a verdict may settle others pending. A click is sent only
      // once its verdict is in (an effect seen, or its dead time over), so the next waits for it.
      const verdict = (n: number) =>
        eventually(
          async () => (await flush(page), of('click')),
          (c) => c.length >= n,
        );
      for (const [i, sel] of ['#tip', '#sidebarToggleTop', '#nothing', '#faq', '#next', '#plain'].entries()) {
        await page.click(sel);
        await verdict(i + 1);
        if (sel == '#tip') await page.keyboard.press('Escape');
      }
      await page.evaluate(() => scrollTo(0, 1500));
      await settle(300);
      await page.click('#top');
      const clicks = await verdict(7);
      const dead = Object.fromEntries(clicks.map((c) => [c.sel, !!c.dead]));
      expect(dead).toEqual({
        // The reported examples.
        'button#tip': false,
        'button#sidebarToggleTop': false,
        'button#top': false,
        // More members: a disclosure opened by script, an inner scroller scrolled.
        'button#faq': false,
        'button#next': false,
        // Truly dead, beside a timer's class churn on their container.
        'button#nothing': true,
        'p#plain': true,
      });
    });

    it('right-to-left and wide pages: x from the scrollable origin, distinct targets stay distinct', async () => {
      for (const name of ['rtl', 'ltr-wide', 'vertical']) {
        const path = `${pre}/field-3/${name}`;
        const { page, of } = await h.open(path);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(w).toBe(3200);
        const seen: Record<string, number> = {};
        for (const id of ['r0', 'r1', 'r2', 'r3']) {
          // Scrolled to it (left of the first screen on a right-to-left page: scrollX < 0).
          await page.evaluate(
            (id) => document.getElementById(id)!.scrollIntoView({ block: 'center', inline: 'center' }),
            id,
          );
          const box = await page.locator('#' + id).boundingBox();
          // Its page x from the left edge of all the page can scroll to, as the layout places it.
          seen[id] = await page.evaluate((id) => document.getElementById(id)!.offsetLeft + 30, id);
          await page.mouse.click(box!.x + 30, box!.y + 20);
        }
        await flush(page);
        const clicks = await eventually(
          async () => of('click'),
          (c) => c.length >= 4,
        );
        for (const c of clicks)
          expect(Math.abs(c.x - seen[c.sel!.slice('button#'.length)]!), `${name} ${c.sel}`).toBeLessThan(2);
        expect(clicks.every((c) => c.w == 3200)).toBe(true);
      }
    });

    it('offline for 75 s: the queue waits and goes when back online; past its bound, dropped is counted', async () => {
      const path = `${pre}/field-3/offline`;
      // Batches the collector took (a request that failed offline is no delivery), once each.
      const delivered = new Map<string, Batch>();
      const { page, context } = await h.open(path, async (p) => {
        p.on('requestfinished', async (r) => {
          if (r.url().endsWith('/collect') && (await r.response())?.status() == 204) {
            const b = JSON.parse(r.postData()!) as Batch;
            delivered.set(b.id, b);
          }
        });
        await p.clock.install();
      });
      const batches = () => [...delivered.values()];
      await page.clock.runFor(500);
      await eventually(
        async () => delivered.size,
        (n) => n > 0,
      );
      await context.setOffline(true);
      for (let i = 0; i < 5; i++) {
        await page.click('#buy');
        await page.clock.runFor(15_000);
      }
      await page.clock.runFor(15_000);
      await context.setOffline(false);
      await page.clock.runFor(6_000);
      await flush(page);
      await page.clock.runFor(2_000);
      const stats = await eventually(
        () => h.stats(path),
        (s) => s.clicks >= 5,
      );
      expect(stats.clicks).toBe(5);

      // Another member: more than the bound (500 events) while offline: the oldest go, counted.
      await context.setOffline(true);
      await page.evaluate(() => {
        for (let i = 0; i < 520; i++) window.heatlens!.track('n' + i);
      });
      await page.clock.runFor(20_000);
      const before = new Set(delivered.keys());
      await context.setOffline(false);
      await page.clock.runFor(6_000);
      await flush(page);
      const later = await eventually(
        async () => batches().filter((b) => !before.has(b.id)),
        (b) => b.reduce((n, x) => n + x.events.length, 0) >= 500,
      );
      const custom = later.flatMap((b) => b.events).filter((e) => e.type == 'custom');
      expect(custom).toHaveLength(500);
      expect(custom.at(-1)).toMatchObject({ name: 'n519' });
      expect(later.reduce((n, b) => n + (b.dropped ?? 0), 0)).toBe(20);
    });

    it('a collector the CSP refuses (connect-src, default-src): one refusal, one warning naming it', async () => {
      for (const name of ['csp-connect', 'csp-default']) {
        const refusals: string[] = [];
        const warnings: string[] = [];
        const { page } = await h.open(`${pre}/field-3/${name}`, async (p) => {
          p.on('console', (m) => {
            if (/Refused to connect/.test(m.text())) refusals.push(m.text());
            if (m.type() == 'warning' && /heatlens/.test(m.text())) warnings.push(m.text());
          });
        });
        for (let i = 0; i < 3; i++) {
          await page.click('#buy');
          await flush(page);
          await settle(1500);
        }
        await settle(2500);
        expect(refusals, name).toHaveLength(1);
        expect(warnings, name).toHaveLength(1);
        expect(warnings[0]).toContain('connect-src');
      }
    });

    it('shadow roots: media a script starts before any interaction, forms submitted inside', async () => {
      const { page, of } = await h.open(`${pre}/field-3/shadow`);
      // No pointer, focus or key anywhere: the page's own scripts play and submit.
      await page.evaluate(async () => {
        const r = document.getElementById('player')!.shadowRoot!;
        await (r.getElementById('clip') as HTMLAudioElement).play();
        (
          document.getElementById('signup')!.shadowRoot!.getElementById('signup-form') as HTMLFormElement
        ).requestSubmit();
        // Another member: a declarative shadow root (the parser attached it).
        (document.getElementById('decl')!.shadowRoot!.getElementById('newsletter') as HTMLFormElement).requestSubmit();
      });
      await flush(page);
      const forms = await eventually(
        async () => of('form'),
        (f) => f.length >= 2,
      );
      expect(forms.map((f) => f.form).sort()).toEqual(['newsletter', 'signup-form']);
      expect(forms.every((f) => f.action == 'submit')).toBe(true);
      expect(of('media').filter((m) => m.action == 'play')).toHaveLength(1);
    });

    it('long URLs stay distinct: two downloads that share their first 300 characters are two entries', async () => {
      const path = `${pre}/field-3/long-urls`;
      const { page } = await h.open(path);
      await page.click('#one');
      await page.click('#two');
      await page.click('#two');
      await flush(page);
      const stats = await eventually(
        () => h.stats(path),
        (s) => s.downloads.total >= 3,
      );
      const top = stats.downloads.top;
      expect(top).toHaveLength(2);
      expect(top.map((t) => t.count).sort()).toEqual([1, 2]);
      for (const t of top) {
        expect(t.url.length).toBeLessThanOrEqual(1024);
        // Cut at a character boundary: no split escape, no replacement character.
        expect(() => decodeURIComponent(t.url.replace(/~[0-9a-z]+$/, ''))).not.toThrow();
      }
    });
  });
