import { describe, expect, it } from 'vitest';
import { hasChromium } from '@heatlens/testkit/chromium';
import { eventually, flush, useHarness, BUILDS } from './fixtures/sdk-harness.js';

// Dead clicks whose effect changed state rather than structure, through both builds (the script
// tag and the npm build as an ES module): a form control's value or check set by script, a count
// or a slide changed anywhere on the page by the click's own handlers. Page:
// test/fixtures/field-3/effects-state.html.

for (const [build, pre] of BUILDS)
  describe.runIf(hasChromium)(`dead clicks with an effect on state (${build})`, () => {
    const h = useHarness();

    it('a value, a check, a count or a slide changed by the click is an effect; churn is not', async () => {
      const { page, of } = await h.open(`${pre}/field-3/effects-state`);
      const ids = ['minus', 'plus', 'cart', 'next', 'slide', 'all', 'plain', 'nothing', 'invisible'];
      // One at a time, each on its own: a verdict may settle others pending. A click is sent only
      // once its verdict is in (an effect seen, or its dead time over), so the next waits for it.
      for (const [i, id] of ids.entries()) {
        await page.click('#' + id);
        await eventually(
          async () => (await flush(page), of('click')),
          (c) => c.length > i,
        );
      }
      const clicks = of('click');
      const dead = Object.fromEntries(clicks.map((c) => [c.sel, !!c.dead]));
      expect(dead).toEqual({
        // The reported examples: -/+ set an input's value, a badge outside any live region, a
        // carousel's slide classes.
        'button#minus': false,
        'button#plus': false,
        'button#cart': false,
        'button#next': false,
        // More members: a slider's track moved by its style, checkboxes checked by script.
        'button#slide': false,
        'button#all': false,
        // Truly dead, beside a clock's text and a list's class churn on timers; a change inside a
        // box that is not rendered shows nothing.
        'p#plain': true,
        'button#nothing': true,
        'button#invisible': true,
      });
      expect(await page.evaluate(() => (document.getElementById('qty') as HTMLInputElement).value)).toBe('1');
    });
  });
