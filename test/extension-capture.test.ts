import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '@heatlens/testkit/chromium';
import { openPopup, overlayPixel, switchOverlayOn, tabIdOf } from '@heatlens/testkit/extension-e2e';
import {
  BAND,
  BLUE,
  collectClicks,
  collectMoves,
  expectLongPageCapture,
  FIELD,
  fixturePage,
  GREEN,
  longPageGeometry,
  startChromiumCapture,
  VIEWPORT,
} from './support/capture-rig.js';
import { decodePicture, runsOf } from './support/picture.js';
import { useForSuite } from './support/suite-resource.js';

// Page captures in real Chromium with the built extension, stored by the real collector: the
// popup's "Save this page for the dashboard" on a 6,000 px page with a sticky header and a fixed
// chat button, and the automatic capture when the overlay is shown on an app shell whose inner
// scroller is the scroll root. Each picture is fetched back from the collector, decoded by
// Chromium and read as pixels. The overlay saved as a PNG is in extension-overlay-png.test.ts.

// Captures are paced by Chrome's quota (2 viewport captures a second): a 6,000 px page takes 9.
describe.runIf(hasChromium)('page captures, end to end', () => {
  const rig = useForSuite(() => startChromiumCapture(fixturePage, { masks: ['.private'] }));
  let reader: Page;
  beforeAll(async () => {
    reader = await rig.context.newPage();
  });

  /** "Save this page for the dashboard" in the popup of `page`'s tab; resolves with the result it shows. */
  const saveThroughPopup = async (page: Page) => {
    const popup = await openPopup(rig.context, rig.id, await tabIdOf(rig.worker, page));
    await popup.click('#capture-take');
    const done = await popup.waitForSelector('#capture-status[data-state=done], #capture-status[data-state=error]', {
      timeout: 120_000,
    });
    const text = (await done.textContent()) ?? '';
    expect(await done.getAttribute('data-state'), text).toBe('done');
    const result = { id: (await done.getAttribute('data-id'))!, ms: Number(await done.getAttribute('data-ms')), text };
    await popup.close();
    return result;
  };

  it('a 6,000 px page whole: header and chat once, fields and masks painted, no overlay, scroll back', async () => {
    await rig.worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
    const path = '/capture-long.html';
    await collectClicks(rig.site, path, [
      'a#buy',
      'button#chat',
      'input#email',
      'label#email-label',
      'input#pw',
      'div#secret',
      'div#site-masked',
      'button#join',
    ]);
    await collectMoves(rig.site, path);

    const page = await rig.context.newPage();
    await page.goto(rig.site.origin + path);
    const geometry = await longPageGeometry(page);
    expect(geometry.height).toBe(6000);
    await switchOverlayOn(rig.context, rig.worker, rig.id, page, { kind: 'move' });
    await page.evaluate(() => window.scrollTo(0, 0));
    // The overlay draws heat at (640, 300) before the capture.
    await expect
      .poll(async () => (await overlayPixel(page, 640, 300))?.[3] ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const overlayStyle = await page.evaluate(() => document.getElementById('heatlens-overlay')!.getAttribute('style'));
    await page.evaluate(() => window.scrollTo(0, 2500));

    const result = await saveThroughPopup(page);
    console.log(`capture of a ${geometry.height} px page at ${VIEWPORT.width} px: ${result.ms} ms (${result.text})`);

    // The owner's page as it was: scrolled where they were, the overlay back.
    expect(await page.evaluate(() => scrollY)).toBe(2500);
    expect(await page.evaluate(() => document.getElementById('heatlens-overlay')!.getAttribute('style'))).toBe(
      overlayStyle,
    );
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).position)).toBe('sticky');

    const [listed] = (await rig.site.captures(path)).filter((c) => c.id === result.id);
    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 6000 });
    expect(listed!.scrollRoot).toBeUndefined(); // the picture is the whole page
    expect(Date.now() - listed!.takenAt).toBeLessThan(10 * 60_000);
    const chatX = geometry.width - 28; // inside the button, right of its label
    const pic = await decodePicture(reader, await rig.site.image(result.id), [5, 640, chatX]);
    await expectLongPageCapture(pic, geometry);
    // The chat button once, where it sits with the page at the top.
    const chat = runsOf(pic.column(chatX), GREEN);
    expect(chat).toHaveLength(1);
    expect(chat[0]![0]).toBeGreaterThanOrEqual(VIEWPORT.height - 75);
    expect(chat[0]![1]).toBeLessThanOrEqual(VIEWPORT.height - 15);

    // No overlay: the heat spot is the band's own colour, as is the column through it above the form.
    expect(await pic.mismatches({ x: 630, y: 290, w: 20, h: 20 }, BAND, 8)).toBe(0);
    expect(runsOf(pic.column(640), [250, 0, 250], 1, 40)).toEqual([]);

    // Names: accessible names and text; never a field's value; masked ones unnamed. Fixed and sticky in viewport px.
    const byName = Object.fromEntries(listed!.elements.map((e) => [e.sel, e]));
    expect(byName['a#buy']).toMatchObject({ name: 'Buy now', fixed: true });
    expect(byName['a#buy']!.box[1]).toBeLessThan(60);
    expect(byName['button#chat']).toMatchObject({ name: 'Chat with us', fixed: true });
    expect(byName['button#chat']!.box[1]).toBeCloseTo(VIEWPORT.height - 70, 0);
    expect(byName['input#email']!.name).toBe('Email');
    expect(byName['label#email-label']!.name).toBe('Email');
    expect(byName['input#pw']!.name).toBe('Password');
    expect(byName['button#join']).toMatchObject({ name: 'Join the list' });
    expect(byName['button#join']!.fixed).toBeUndefined();
    expect(byName['div#secret']!.name).toBe('');
    expect(byName['div#site-masked']!.name).toBe('');
    expect(byName['div#secret']!.box[1]).toBeCloseTo(geometry.secret.y, 0);
    expect(JSON.stringify(listed!.elements)).not.toMatch(/alice|hunter2|Jane|Secret|999/);
    await page.close();
  }, 240_000);

  it('an app shell: its inner scroller captured whole when the overlay is shown, its scroll put back', async () => {
    await rig.worker.evaluate(() => chrome.storage.local.set({ autoCapture: true }));
    const path = '/capture-shell.html';
    await collectClicks(rig.site, path, ['button#generate', 'a#reports', 'input#search']);
    const page = await rig.context.newPage();
    await page.goto(rig.site.origin + path);
    const geometry = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      main.scrollTop = 1234;
      return { width: main.clientWidth, height: main.scrollHeight };
    });
    expect(geometry.height).toBe(3700);
    expect(await rig.site.captures(path)).toEqual([]);
    await switchOverlayOn(rig.context, rig.worker, rig.id, page, { kind: 'click' });
    await expect.poll(async () => (await rig.site.captures(path)).length, { timeout: 120_000 }).toBe(1);
    const [listed] = await rig.site.captures(path);
    expect(await page.evaluate(() => document.getElementById('main')!.scrollTop)).toBe(1234);

    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 3700 });
    // The picture is the inner scroller's content: its scroll size is said beside it.
    expect(listed!.scrollRoot).toEqual({ w: geometry.width, h: 3700 });
    const pic = await decodePicture(reader, await rig.site.image(listed!.id), [5, 300]);
    expect([pic.width, pic.height]).toEqual([geometry.width, 3700]);
    // The scroller's content from its first row to its last; none of the shell's bar or sidebar.
    const first = runsOf(pic.column(300), [0, 150, 150]);
    const last = runsOf(pic.column(300), BLUE);
    expect(first).toHaveLength(1);
    expect(first[0]![0]).toBe(0);
    expect(Math.abs(first[0]![1] - 99)).toBeLessThanOrEqual(2);
    expect(last).toHaveLength(1);
    expect(Math.abs(last[0]![0] - 3600)).toBeLessThanOrEqual(2);
    expect(last[0]![1]).toBe(3699);
    expect(runsOf(pic.column(5), [90, 60, 30], 1)).toEqual([]);
    expect(runsOf(pic.column(5), [40, 40, 40], 1)).toEqual([]);

    const byName = Object.fromEntries(listed!.elements.map((e) => [e.sel, e]));
    expect(byName['button#generate']).toMatchObject({ name: 'Generate Report' });
    expect(byName['button#generate']!.fixed).toBeUndefined();
    expect(byName['button#generate']!.box[1]).toBeGreaterThanOrEqual(118);
    expect(byName['button#generate']!.box[1]).toBeLessThanOrEqual(124);
    expect(byName['a#reports']).toMatchObject({ name: 'Reports', fixed: true });
    expect(byName['input#search']!.name).toBe('');
    const [sx, sy, sw, sh] = byName['input#search']!.box as [number, number, number, number];
    expect(await pic.mismatches({ x: sx + 1, y: sy + 1, w: sw - 2, h: sh - 2 }, FIELD, 6)).toBe(0);
    expect(JSON.stringify(listed!.elements)).not.toMatch(/private search/);
    await page.close();
  }, 240_000);
});
