import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElementBoxes } from './element-boxes.js';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

const el = (sel: string, count = 1) => ({ sel, count, points: [[5, 5, count]] as [number, number, number][] });

describe('createElementBoxes', () => {
  it('never runs a selector outside the SDK grammar', () => {
    document.body.innerHTML = '<main><b>x</b><button id="buy">Buy</button></main>';
    const spy = vi.spyOn(document, 'querySelector');
    const boxes = createElementBoxes(document);
    boxes.set([el(':has(* * b)'), el('main b'), el('button[data-v-1^=""]'), el('*'), el('button#buy')]);
    expect(boxes.resolve()).toBe(false);
    expect(spy.mock.calls.map(([s]) => s)).toEqual(['button#buy']);
  });

  it('resolves once per snapshot, not per frame, and keeps a selector across snapshots', () => {
    document.body.innerHTML = '<button id="buy">Buy</button><a id="more">More</a>';
    const spy = vi.spyOn(document, 'querySelector');
    const boxes = createElementBoxes(document);
    boxes.set([el('button#buy')]);
    boxes.resolve();
    boxes.resolve();
    boxes.boxes(document.documentElement, { x: 0, y: 0, w: 1000, h: 1000 });
    boxes.set([el('button#buy', 3), el('a#more')]);
    boxes.resolve();
    expect(spy.mock.calls.map(([s]) => s)).toEqual(['button#buy', 'a#more']);
  });

  it('stops at its time budget and goes on in the next frame', () => {
    document.body.innerHTML = '<a id="a1"></a><a id="a2"></a><a id="a3"></a>';
    let t = 0;
    const spy = vi.spyOn(document, 'querySelector').mockImplementation(() => {
      t += 5; // each lookup "takes" 5 ms
      return null;
    });
    const boxes = createElementBoxes(document, { budgetMs: 8, now: () => t });
    boxes.set([el('a#a1'), el('a#a2'), el('a#a3')]);
    expect(boxes.resolve()).toBe(true);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(boxes.resolve()).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('gives the count from the snapshot and resolves through open shadow roots', () => {
    document.body.innerHTML = '<shop-cart id="c"></shop-cart>';
    const root = document.getElementById('c')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<form><button class="pay">Pay</button></form>';
    const boxes = createElementBoxes(document);
    boxes.set([el('shop-cart#c>>>form>button.pay', 7)]);
    boxes.resolve();
    const pay = root.querySelector('button')!;
    vi.spyOn(pay, 'getBoundingClientRect').mockReturnValue({ left: 10, top: 20, width: 30, height: 40 } as DOMRect);
    expect(boxes.boxes(document.documentElement, { x: 0, y: 0, w: 800, h: 600 })).toEqual([
      { sel: 'shop-cart#c>>>form>button.pay', count: 7, points: [[5, 5, 7]], rect: { x: 10, y: 20, w: 30, h: 40 } },
    ]);
  });

  it('resolves again once invalidated (the DOM changed) or when its element left the page', () => {
    document.body.innerHTML = '<button id="buy">Buy</button>';
    const boxes = createElementBoxes(document);
    boxes.set([el('button#buy')]);
    boxes.resolve();
    document.body.innerHTML = '<button id="buy">Buy again</button>';
    const spy = vi.spyOn(document, 'querySelector');
    expect(boxes.boxes(document.documentElement, { x: 0, y: 0, w: 800, h: 600 })).toEqual([]);
    boxes.resolve();
    expect(spy).toHaveBeenCalledTimes(1);
    boxes.invalidate();
    boxes.resolve();
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("keeps an element the page does not render, unrendered and hidden, with its clicks' layer", () => {
    document.body.innerHTML = `<div id="m" style="position:fixed;display:none">
        <div><button id="close">x</button></div></div>
      <nav style="visibility:hidden"><a id="about">About</a></nav>
      <div id="acc" style="height:0;overflow:hidden"><a id="faq">FAQ</a></div>
      <header style="position:sticky"><button id="cart">Cart</button></header>`;
    const rect = (id: string, r: Partial<DOMRect>) =>
      vi
        .spyOn(document.getElementById(id)!, 'getBoundingClientRect')
        .mockReturnValue({ left: 0, top: 0, width: 0, height: 0, ...r } as DOMRect);
    rect('about', { top: 60, width: 80, height: 40 });
    rect('faq', { top: 300, width: 80, height: 40 });
    rect('acc', { top: 300, width: 390, height: 0 });
    rect('cart', { top: 8, width: 80, height: 40 });
    const boxes = createElementBoxes(document);
    boxes.set([el('div#m>div>button#close'), el('nav>a#about'), el('div#acc>a#faq'), el('header>button#cart')]);
    while (boxes.resolve()); // happy-dom's computed styles are slow: a few frames' budgets
    const got = boxes.boxes(document.documentElement, { x: 0, y: 0, w: 390, h: 700 });
    expect(got.map((b) => [b.sel, b.hidden ?? false, b.unrendered ?? false, b.pin])).toEqual([
      ['div#m>div>button#close', true, true, 'fixed'],
      ['nav>a#about', true, true, undefined],
      ['div#acc>a#faq', true, true, undefined],
      ['header>button#cart', false, false, 'sticky'],
    ]);
  });

  it("leaves clicks on the page's background (html, body) and on too tall elements to the tiles", () => {
    document.body.innerHTML = '<section id="hero"><a id="go">Go</a></section>';
    const rect = (node: Element, height: number) =>
      vi.spyOn(node, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 1280, height } as DOMRect);
    rect(document.documentElement, 5471);
    rect(document.body, 5471);
    rect(document.getElementById('hero')!, 401);
    rect(document.getElementById('go')!, 400);
    const boxes = createElementBoxes(document);
    boxes.set([el('html'), el('body'), el('section#hero'), el('section#hero>a#go')]);
    while (boxes.resolve());
    const got = boxes.boxes(document.documentElement, { x: 0, y: 0, w: 1280, h: 800 });
    expect(got.map((b) => b.sel)).toEqual(['section#hero>a#go']);
  });
});
