import { readFileSync } from 'node:fs';
import { parseSelector } from '@heatlens/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { fixtureContext, ORIGIN, TRACKERS_JS } from './fixtures/sdk-modules.js';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';

// Every selector the SDK emits names its own element, on real pages in Chromium: a click at the
// centre of every rendered element (open shadow roots included) of the demo shop's pages and of a
// Bootstrap-like theme (fixed navbar, icon links, look-alike cards, hashed class names, duplicate
// ids, a web component). The expected target is the rule: the closest interactive ancestor, else
// the element, or the <svg> of an icon's internals.

const BOOTSTRAP = readFileSync(new URL('./fixtures/bootstrap-like.html', import.meta.url), 'utf8');

type Report = { checked: number; shadow: number; unnamed: string[]; wrong: string[]; sels: string[] };

/** Clicks every rendered element once (page handlers and default actions suppressed after the SDK saw it). */
function clickEverything(): Report {
  const INTERACTIVE =
    'a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=tab],[role=menuitem],' +
    '[role=checkbox],[onclick],[tabindex]:not([tabindex^="-"])';
  const w = window as unknown as { __events: { type: string; sel?: string }[]; __resolve(s: string): Element | null };
  const all = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
  const stop = (e: Event) => {
    e.stopImmediatePropagation();
    e.preventDefault();
  };
  // Registered after the SDK's capturing listener at the window: runs right after it.
  addEventListener('click', stop, true);
  const out: Report = { checked: 0, shadow: 0, unnamed: [], wrong: [], sels: [] };
  for (const el of all(document)) {
    if (document.head.contains(el) || !el.getClientRects().length) continue;
    let meant: Element | null = el;
    for (
      ;
      meant && !meant.matches(INTERACTIVE);
      meant = meant.parentElement || ((meant.getRootNode() as ShadowRoot).host ?? null)
    );
    meant ||= (el as SVGElement).ownerSVGElement || el;
    const r = el.getBoundingClientRect();
    const n = w.__events.length;
    el.dispatchEvent(
      new MouseEvent('click', {
        bubbles: true,
        composed: true,
        cancelable: true,
        detail: 1,
        clientX: r.x + r.width / 2,
        clientY: r.y + r.height / 2,
      }),
    );
    const sel = w.__events.slice(n).find((e) => e.type == 'click')?.sel;
    out.checked++;
    const inShadow = el.getRootNode() != document;
    if (inShadow) out.shadow++;
    if (!sel) {
      if (!inShadow) out.unnamed.push(el.outerHTML.slice(0, 80));
    } else {
      out.sels.push(sel);
      if (w.__resolve(sel) != meant) out.wrong.push(`${sel} -> ${meant.outerHTML.slice(0, 60)}`);
    }
  }
  removeEventListener('click', stop, true);
  return out;
}

describe.runIf(hasChromium)('selectors on real pages in Chromium', () => {
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let fx: Awaited<ReturnType<typeof fixtureContext>>;
  beforeAll(async () => {
    browser = await launchChromium();
    shop = await startShop({ collectorUrl: ORIGIN });
    fx = await fixtureContext(browser, { '/theme': BOOTSTRAP });
  });
  afterAll(async () => {
    await fx?.context.close();
    await browser?.close();
    await shop?.close();
  });

  const run = async (p: Page) => {
    await p.addScriptTag({ type: 'module', content: TRACKERS_JS });
    await p.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready);
    const r = await p.evaluate(clickEverything);
    for (const s of r.sels) expect(parseSelector(s), s).not.toBeNull();
    expect(r.wrong).toEqual([]);
    expect(r.unnamed).toEqual([]);
    return r;
  };

  it('the Bootstrap-like theme: every click names its own element, in the shadow root too', async () => {
    const r = await run(await fx.open('/theme'));
    console.log(
      `theme: ${r.checked} elements clicked, ${new Set(r.sels).size} distinct selectors, ${r.shadow} in a shadow root`,
    );
    expect(r.checked).toBeGreaterThan(100);
    expect(r.sels.filter((s) => s.includes('>>>')).length).toBeGreaterThan(3);
    expect(r.sels.filter((s) => /css-|__|sc-|kYjWcM|data-v-|ngcontent|>path|>use/.test(s))).toEqual([]);
  });

  for (const path of ['/', '/product/1', '/guide', '/media', '/signup', '/app'])
    it(`the demo shop's ${path}: every click names its own element`, async () => {
      const p = await fx.context.newPage();
      await p.goto(shop.url + path);
      const r = await run(p);
      console.log(`shop ${path}: ${r.checked} elements clicked, ${new Set(r.sels).size} distinct selectors`);
      expect(r.checked).toBeGreaterThan(10);
      await p.close();
    });
});
