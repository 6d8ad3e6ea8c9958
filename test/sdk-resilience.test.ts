import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, flush, hide, useHarness } from './fixtures/sdk-harness.js';
import { hasChromium } from '@heatlens/testkit/chromium';

// Never into the host page: with the endpoint blocked, `fetch` throwing or storage throwing, the
// page logs no error and keeps working; under Global Privacy Control nothing is sent at all.

/** A scripted visit that touches every tracker, then hides the page (the final flush). */
async function visit(page: Page) {
  await page.mouse.move(200, 150, { steps: 4 });
  await page.click('#buy');
  await page.click('#dead');
  await page.click('#email');
  await page.keyboard.type('x');
  await page.click('#go');
  await page.mouse.wheel(0, 800);
  await page.evaluate(() => {
    window.heatlens!.track('try');
    history.pushState(null, '', '/resilience/spa');
  });
  await page.waitForTimeout(1200);
  await flush(page);
  await hide(page);
  await page.waitForTimeout(300);
  // The page itself still works.
  expect(await page.textContent('#cart')).toBe('1');
}

describe.runIf(hasChromium)('SDK never breaks the host page', () => {
  const h = useHarness();

  it('endpoint blocked (an ad blocker, CSP, offline): no page error, nothing thrown', async () => {
    const { page, errors, batches } = await h.open('/resilience/blocked', (p) =>
      p.route('**/collect', (r) => r.abort('blockedbyclient')),
    );
    await visit(page);
    expect(batches.length).toBeGreaterThan(0); // it tried
    expect(errors).toEqual([]);
  });

  it('fetch throws: no page error', async () => {
    const { page, errors } = await h.open('/resilience/fetch', (p) =>
      p.addInitScript(() => {
        window.fetch = () => {
          throw new TypeError('fetch is disabled here');
        };
      }),
    );
    await visit(page);
    expect(errors).toEqual([]);
  });

  it('storage throws: no page error, and events still arrive with a session id', async () => {
    const { page, errors, batches } = await h.open('/resilience/storage', (p) =>
      p.addInitScript(() => {
        for (const k of ['localStorage', 'sessionStorage'])
          Object.defineProperty(window, k, {
            get() {
              throw new DOMException('storage is disabled', 'SecurityError');
            },
          });
      }),
    );
    await visit(page);
    expect(errors).toEqual([]);
    expect(batches.length).toBeGreaterThan(0);
    expect(new Set(batches.map((b) => b.sid)).size).toBe(1);
    const s = await eventually(
      () => h.stats('/resilience/storage'),
      (s) => s.clicks >= 2,
    );
    expect(s.views).toBe(1);
  });

  it('Global Privacy Control or Do Not Track: nothing is sent', async () => {
    for (const [name, prop, value] of [
      ['gpc', 'globalPrivacyControl', true],
      ['dnt', 'doNotTrack', '1'],
    ] as const) {
      const { page, errors, batches } = await h.open(`/resilience/${name}`, (p) =>
        p.addInitScript(([k, v]) => Object.defineProperty(Navigator.prototype, k, { get: () => v }), [
          prop,
          value,
        ] as const),
      );
      await visit(page);
      expect(batches).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('the opt-out flag and consent(false) stop sending', async () => {
    const optedOut = await h.open('/resilience/optout', (p) =>
      p.addInitScript(() => localStorage.setItem('heatlens:optout', '1')),
    );
    await visit(optedOut.page);
    expect(optedOut.batches).toEqual([]);

    const withdrawn = await h.open('/resilience/consent');
    await withdrawn.page.evaluate(() => window.heatlens!.consent(false));
    const before = withdrawn.batches.length;
    await visit(withdrawn.page);
    expect(withdrawn.batches.length).toBe(before);
    expect(withdrawn.errors).toEqual([]);
  });
});
