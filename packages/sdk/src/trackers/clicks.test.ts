import type { ClickEvent } from '@heatlens/schema';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { collector, fakeScrollRoot, mouse, resetDom, setRect, setVisibility } from '../test-support/dom.js';
import { trackClicks } from './clicks.js';
import { deadClicks } from './dead-clicks.js';
import { rageClicks } from './rage-clicks.js';

beforeEach(() => {
  resetDom();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function page() {
  document.body.innerHTML = `
    <main id="main"><section class="grid hero extra" data-block="promo">
      <button class="buy primary" data-sku="A-1">Buy now, secret text</button>
      <div class="card"><span>plain</span></div>
    </section></main>
    <header style="position: fixed"><nav><a class="home" href="/">Home</a></nav></header>
    <input id="q" value="secret value">`;
  return {
    button: document.querySelector('button')!,
    span: document.querySelector('span')!,
    link: document.querySelector('a')!,
    input: document.querySelector('input')!,
  };
}

describe('trackClicks', () => {
  test('emits page coordinates, the document size, a stable selector and the point inside the target', () => {
    const { button } = page();
    setRect(button, { left: 100, top: 50, width: 200, height: 40 });
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(button, 'click', { x: 150, y: 60, scrollY: 1000 });
    expect(events).toEqual([
      {
        type: 'click',
        ts: Date.now(),
        x: 150,
        y: 1060,
        w: 1000,
        h: 4000,
        sel: 'button.buy.primary',
        ex: 0.25,
        ey: 0.25,
      },
    ]);
    stop();
  });

  test('the selector stops at an id and never includes text or values', () => {
    const { span, input } = page();
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(span, 'click');
    mouse(input, 'click');
    expect(events.map((e) => e.sel)).toEqual(['span', 'input#q']);
    expect(JSON.stringify(events)).not.toMatch(/secret|plain/);
    stop();
  });

  test('flags targets inside fixed or stuck sticky boxes, with viewport coordinates and height', () => {
    const { link, button } = page();
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div style="position: sticky; top: 0"><button id="s">s</button></div>' +
        '<div style="position: sticky; top: 0"><b>lower</b></div>',
    );
    setRect(document.querySelector('#s')!.parentElement!, { left: 0, top: 0, width: 100, height: 40 });
    setRect(document.querySelector('b')!.parentElement!, { left: 0, top: 300, width: 100, height: 40 });
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(link, 'click', { x: 20.4, y: 10.6, scrollY: 2000 });
    mouse(button, 'click');
    mouse(document.querySelector('#s')!, 'click', { x: 5, y: 5, scrollY: 2000 });
    mouse(document.querySelector('b')!, 'click', { x: 5, y: 305 });
    expect(events.map((e) => [e.fixed, e.cx, e.cy, e.vh])).toEqual([
      [true, 20, 11, innerHeight],
      [undefined, undefined, undefined, undefined],
      [true, 5, 5, innerHeight],
      // sticky, but not at its sticking offset: it scrolls with the page
      [undefined, undefined, undefined, undefined],
    ]);
    expect(events[0]!.y).toBe(2011);
    stop();
  });

  test('names the interactive element the visitor meant, not the icon inside it', () => {
    document.body.innerHTML =
      `
      <a class="btn btn-dark" href="/share"><svg class="svg-inline--fa fa-twitter" data-prefix="fab">` +
      `<path d="M0"></path><use href="#i"></use></svg></a>
      <div role="button" class="x"><span><i class="icon"></i></span></div>
      <div tabindex="-1" id="root"><p><svg><path d="M1"></path></svg></p></div>`;
    const a = document.querySelector('a')!;
    setRect(a, { left: 10, top: 10, width: 100, height: 20 });
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(document.querySelector('path')!, 'click', { x: 60, y: 15 });
    mouse(document.querySelector('use')!, 'click', { x: 60, y: 15 });
    mouse(document.querySelector('i')!, 'click');
    // no interactive ancestor (a negative tabindex is not one): the icon's own <svg>
    mouse(document.querySelector('p path')!, 'click');
    expect(events.map((e) => e.sel)).toEqual(['a[href="/share"]', 'a[href="/share"]', 'div.x', 'p>svg']);
    expect(events[0]).toMatchObject({ ex: 0.5, ey: 0.25 });
    stop();
  });

  test('a click inside an open shadow root names the inner element through its host', () => {
    document.body.innerHTML = '<shop-cart></shop-cart>';
    const root = document.querySelector('shop-cart')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<form><button class="pay"><span>Pay</span></button></form>';
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(root.querySelector('span')!, 'click');
    expect(events[0]!.sel).toBe('shop-cart>>>button.pay');
    stop();
  });

  test('measures inside the named scroll root: content coordinates and its scroll size', () => {
    document.body.innerHTML = '<div id="app"><button id="far">far</button></div>';
    fakeScrollRoot(
      '#app',
      { left: 0, top: 50, width: 800, height: 550 },
      { scrollTop: 3000, scrollHeight: 4000, scrollWidth: 800 },
    );
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(document.querySelector('#far')!, 'click', { x: 100, y: 370 });
    delete document.documentElement.dataset.scrollRoot;
    expect(events[0]).toMatchObject({ x: 100, y: 3320, w: 800, h: 4000 });
    expect(events[0]!.fixed).toBeUndefined();
    stop();
  });

  test('ignores keyboard and scripted clicks (detail 0), which have no position', () => {
    const { button } = page();
    const { emit, events } = collector<ClickEvent>();
    const stop = trackClicks(emit);
    mouse(button, 'click', { detail: 0 });
    button.click();
    expect(events).toHaveLength(0);
    stop();
  });

  test('stops by its Stop and by an aborted signal', () => {
    const { button } = page();
    const { emit, events } = collector<ClickEvent>();
    trackClicks(emit)();
    const ac = new AbortController();
    trackClicks(emit, { signal: ac.signal });
    ac.abort();
    mouse(button, 'click');
    expect(events).toHaveLength(0);
  });
});

describe('rageClicks', () => {
  const track = (opts = {}) => {
    const c = collector<ClickEvent>();
    const stop = trackClicks(c.emit, { flags: [rageClicks(opts)] });
    return { ...c, stop };
  };

  test('flags the third click within 1 s and 30 px, and the ones after it', () => {
    const { button } = page();
    const { events, stop } = track();
    for (const dx of [0, 10, 20, 25]) {
      mouse(button, 'click', { x: 100 + dx, y: 100 });
      vi.advanceTimersByTime(200);
    }
    expect(events.map((e) => e.rage)).toEqual([undefined, undefined, true, true]);
    stop();
  });

  test('no rage when clicks are slow or far apart; thresholds are configurable', () => {
    const { button } = page();
    const slow = track();
    for (let i = 0; i < 3; i++) {
      mouse(button, 'click', { x: 100, y: 100 });
      vi.advanceTimersByTime(600);
    }
    for (let i = 0; i < 3; i++) mouse(button, 'click', { x: 100 + 40 * i, y: 100 });
    expect(slow.events.some((e) => e.rage)).toBe(false);
    slow.stop();
    const custom = track({ rageCount: 2, ragePx: 100 });
    mouse(button, 'click', { x: 100, y: 100 });
    mouse(button, 'click', { x: 180, y: 100 });
    expect(custom.events.map((e) => e.rage)).toEqual([undefined, true]);
    custom.stop();
  });
});

describe('deadClicks', () => {
  const track = () => {
    const c = collector<ClickEvent>();
    const stop = trackClicks(c.emit, { flags: [deadClicks()] });
    return { ...c, stop };
  };

  test('a click nothing reacts to is emitted after 1 s with dead: true', () => {
    const { span } = page();
    const { events, stop } = track();
    mouse(span, 'click');
    vi.advanceTimersByTime(999);
    expect(events).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.dead).toBe(true);
    stop();
  });

  test('a click followed by a DOM change is emitted as soon as the change is seen, not dead', async () => {
    const { button } = page();
    const { events, stop } = track();
    button.addEventListener('click', () => button.classList.toggle('busy'));
    mouse(button, 'click');
    await vi.advanceTimersByTimeAsync(10);
    expect(events).toHaveLength(1);
    expect(events[0]!.dead).toBeUndefined();
    stop();
  });

  test('links and form fields are never dead; hiding the page settles pending clicks as not dead', () => {
    const { link, input, span } = page();
    const { events, stop } = track();
    mouse(link, 'click');
    mouse(input, 'click');
    expect(events).toHaveLength(2);
    mouse(span, 'click');
    setVisibility('hidden');
    expect(events).toHaveLength(3);
    expect(events.some((e) => e.dead)).toBe(false);
    stop();
  });

  test('a click settled after a single-page-app navigation still names the page it happened on', async () => {
    const { button } = page();
    const hrefs: (string | undefined)[] = [];
    const stop = trackClicks((_e, href) => hrefs.push(href), { flags: [deadClicks()] });
    history.replaceState(null, '', '/before');
    button.addEventListener('click', () => history.pushState(null, '', '/after'), { once: true });
    mouse(button, 'click');
    document.body.append(document.createElement('p')); // the new view renders
    await vi.advanceTimersByTimeAsync(10);
    expect(hrefs).toEqual([new URL('/before', location.href).href]);
    stop();
  });

  test('rage and dead together: a burst on a dead element is flagged both ways', () => {
    const { span } = page();
    const c = collector<ClickEvent>();
    const stop = trackClicks(c.emit, { flags: [rageClicks(), deadClicks()] });
    for (let i = 0; i < 3; i++) mouse(span, 'click', { x: 10, y: 10 });
    vi.advanceTimersByTime(1000);
    expect(c.events.map((e) => [e.rage, e.dead])).toEqual([
      [undefined, true],
      [undefined, true],
      [true, true],
    ]);
    stop();
  });
});
