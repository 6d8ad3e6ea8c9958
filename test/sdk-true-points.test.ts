import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, fixtureContext, ORIGIN, TRACKERS } from './fixtures/sdk-modules.js';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';

// Where happy-dom has no layout: the SDK's trackers in real Chromium measure points in the page's
// real scroller (an app shell's inner element), mark fixed and stuck sticky boxes with viewport
// coordinates, and name the element a click meant, inside shadow roots too.

const page = (head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>${head}</style>${TRACKERS}</head>` +
  `<body>${body}</body></html>`;

const SHELL = page(
  'html, body { height: 100%; margin: 0; overflow: hidden } #app { height: 100%; overflow: auto } ' +
    '#content { position: relative; height: 4000px } ' +
    '#far { position: absolute; left: 100px; top: 3300px; width: 200px; height: 40px }',
  '<div id="app"><div id="content"><button id="far">far</button></div></div>',
);

const STICKY = page(
  'body { margin: 0 } header { position: sticky; top: 0; height: 60px; background: #ddd } ' +
    '#cart { position: absolute; right: 20px; top: 10px; width: 80px; height: 40px } article { height: 6000px } ' +
    'aside { position: sticky; top: 0; margin-top: 3000px; height: 50px } ' +
    '#chat { position: fixed; right: 16px; bottom: 16px; width: 48px; height: 48px }',
  '<header><a class="logo" href="/">Logo</a>' +
    '<button id="cart"><svg width="20" height="20"><path d="M0 0h20v20H0z"></path></svg></button></header>' +
    '<article><p>text</p><aside><button id="later">later</button></aside></article><button id="chat">?</button>',
);

const SHADOW = page(
  'body { margin: 0 }',
  `<shop-cart></shop-cart><shop-cart id="second"></shop-cart>
   <a class="btn btn-dark" id="tw" href="https://twitter.com/x" style="display:inline-block;padding:10px"><svg class="svg-inline--fa fa-twitter" data-prefix="fab" width="32" height="32"><path d="M0 0h32v32H0z"></path></svg></a>
   <script>addEventListener('click', (e) => e.preventDefault());
   for (const h of document.querySelectorAll('shop-cart')) ` +
    `h.attachShadow({ mode: 'open' }).innerHTML = '<form><button class="pay" style="width:120px;height:40px">` +
    `<svg width="16" height="16"><use href="#x"></use><rect width="16" height="16"></rect></svg>` +
    `Pay</button></form>';</script>`,
);

const IIFE =
  `<!doctype html><html><head><meta charset="utf-8"><style>` +
  `html, body { height: 100%; margin: 0; overflow: hidden } main { height: 100%; overflow: auto } ` +
  `#content { position: relative; height: 5000px } ` +
  `#far { position: absolute; left: 10px; top: 4000px; width: 100px; height: 40px }</style>
<script src="/sdk/heatlens.iife.js" data-site="demo" ` +
  `data-endpoint="${ORIGIN}" data-scroll-root="main.shell"></script></head>
<body><main class="shell"><div id="content"><button id="far">far</button></div></main>
<main class="other" style="height:10px"></main></body></html>`;

async function ready(p: Page) {
  await p.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready);
  return p;
}

describe.runIf(hasChromium)('SDK points in real Chromium', () => {
  let browser: Browser;
  let fx: Awaited<ReturnType<typeof fixtureContext>>;
  beforeAll(async () => {
    browser = await launchChromium();
    fx = await fixtureContext(
      browser,
      { '/shell': SHELL, '/sticky': STICKY, '/shadow': SHADOW, '/iife': IIFE },
      { width: 1280, height: 600 },
    );
  });
  afterAll(async () => {
    await fx?.context.close();
    await browser?.close();
  });

  it('app shell scrolling #app: a click at content y 3,320 is sent at 3,320 of 4,000; depths 15 %, 90 %', async () => {
    const p = await ready(await fx.open('/shell'));
    await p.evaluate(() => (document.querySelector('#app')!.scrollTop = 1));
    await p.waitForTimeout(100);
    await p.evaluate(() => (document.querySelector('#app')!.scrollTop = 3000));
    await p.waitForTimeout(100);
    await p.mouse.move(200, 320);
    await p.mouse.click(200, 320);
    await p.waitForTimeout(400);
    const w = await p.evaluate(() => document.querySelector('#app')!.scrollWidth);
    const [click] = await events(p, 'click');
    expect(click).toMatchObject({ x: 200, y: 3320, w, h: 4000, sel: 'button#far' });
    expect(click!.fixed).toBeUndefined();
    const moves = await events(p, 'move');
    expect(moves.at(-1)).toMatchObject({ x: 200, y: 3320, h: 4000 });
    expect((await events(p, 'scroll')).map((e) => e.depth)).toEqual([15, 90]);
  });

  it('a sticky header at scroll 0 and 2,000, a fixed button: fixed; a sticky box not yet stuck is not', async () => {
    const p = await ready(await fx.open('/sticky'));
    await p.mouse.click(1200, 30); // the cart button at the top of the page
    await p.evaluate(() => scrollTo(0, 2000));
    await p.waitForTimeout(100);
    await p.mouse.move(1190, 32);
    await p.mouse.click(1190, 32); // the same button, the header stuck
    await p.waitForTimeout(300); // a move sample there (4 a second)
    await p.mouse.click(1240, 560); // the chat button
    await p.evaluate(() => scrollTo(0, 2600));
    await p.waitForTimeout(100);
    const later = await p.evaluate(() => document.querySelector('#later')!.getBoundingClientRect().top);
    await p.mouse.click(20, later + 5); // the aside is below its sticking offset
    await p.waitForTimeout(400);
    const clicks = await events(p, 'click');
    expect(clicks.map((c) => [c.sel, c.fixed, c.cx, c.cy, c.vh])).toEqual([
      ['button#cart', true, 1200, 30, 600],
      ['button#cart', true, 1190, 32, 600],
      ['button#chat', true, 1240, 560, 600],
      ['button#later', undefined, undefined, undefined, undefined],
    ]);
    expect(clicks[1]!.y).toBe(2032);
    expect(await events(p, 'move')).toContainEqual(
      expect.objectContaining({ y: 2032, fixed: true, cx: 1190, cy: 32, vh: 600 }),
    );
  });

  it('names the element meant: the link around an icon, a button in an open shadow root through its host', async () => {
    const p = await ready(await fx.open('/shadow'));
    const box = async (js: string) => p.evaluate(js) as Promise<{ x: number; y: number }>;
    const tw = await box(
      `(() => { const r = document.querySelector('#tw path').getBoundingClientRect(); ` +
        `return { x: r.x + 16, y: r.y + 16 }; })()`,
    );
    await p.mouse.click(tw.x, tw.y);
    const pay = await box(
      `(() => { const r = document.querySelector('#second').shadowRoot` +
        `.querySelector('rect').getBoundingClientRect(); return { x: r.x + 8, y: r.y + 8 }; })()`,
    );
    await p.mouse.click(pay.x, pay.y);
    await p.waitForTimeout(300);
    const sels = (await events(p, 'click')).map((c) => c.sel!);
    expect(sels).toEqual(['a#tw', 'shop-cart#second>>>button.pay']);
    const named = await p.evaluate((sels) => {
      const w = window as unknown as { __resolve(s: string): Element | null; __parse(s: string): unknown };
      return sels.map((s) => [
        !!w.__parse(s),
        w.__resolve(s) ==
          (s.startsWith('a')
            ? document.querySelector('#tw')
            : document.querySelector('#second')!.shadowRoot!.querySelector('button')),
      ]);
    }, sels);
    expect(named).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('the script tag names the scroll root with data-scroll-root, written to <html> for the overlay', async () => {
    const p = await fx.open('/iife');
    await p.waitForFunction(() => !!(window as unknown as { heatlens?: unknown }).heatlens);
    expect(await p.evaluate(() => document.documentElement.dataset.scrollRoot)).toBe('main.shell');
    await p.evaluate(() => (document.querySelector('main')!.scrollTop = 3800));
    await p.mouse.click(50, 220);
    await p.waitForTimeout(1100); // nothing reacts: the dead-click verdict takes a second
    await p.evaluate(() => (window as unknown as { heatlens: { flush(): void } }).heatlens.flush());
    await p.waitForTimeout(300);
    const click = fx.sent().find((e) => e.type == 'click');
    expect(click).toMatchObject({ y: 4020, h: 5000, sel: 'button#far' });
  });
});
