import type { ScrollEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, resetDom, setDocSize, setVisibility } from '../test-support/dom.js';
import { trackScroll } from './scroll.js';

const scrollTo = (y: number) => {
  Object.defineProperty(window, 'scrollY', { configurable: true, value: y });
  // The viewport's scroll event is fired at the document (and bubbles to the window).
  document.dispatchEvent(new Event('scroll', { bubbles: true }));
};

beforeEach(() => {
  resetDom();
  scrollTo(0);
  setDocSize(1000, 768 * 10); // ten screens of 768 px
  history.replaceState(null, '', '/');
});

describe('trackScroll', () => {
  test('reports at the first scroll, then each 10-point growth of the maximum', () => {
    const { emit, events } = collector<ScrollEvent>();
    const stop = trackScroll(emit);
    expect(events).toEqual([]); // nothing at start: a script in <head> would see no body yet
    scrollTo(0);
    expect(events.map((e) => e.depth)).toEqual([10]);
    scrollTo(768 * 0.5); // 15 %
    scrollTo(768 * 1); // 20 %
    scrollTo(0); // back up: the maximum stays
    scrollTo(768 * 4); // 50 %
    expect(events.map((e) => e.depth)).toEqual([10, 20, 50]);
    stop();
  });

  test('reports a smaller growth when the page is hidden; the step is configurable', () => {
    const { emit, events } = collector<ScrollEvent>();
    const stop = trackScroll(emit, { step: 25 });
    scrollTo(0);
    scrollTo(768 * 1.5); // 25 %: below 10 + 25
    expect(events.map((e) => e.depth)).toEqual([10]);
    setVisibility('hidden');
    expect(events.map((e) => e.depth)).toEqual([10, 25]);
    setVisibility('hidden');
    expect(events).toHaveLength(2);
    stop();
  });

  test('a visitor who never scrolls reports the first screen when the page hides', () => {
    const { emit, events } = collector<ScrollEvent>();
    const stop = trackScroll(emit);
    setVisibility('hidden');
    expect(events.map((e) => e.depth)).toEqual([10]);
    stop();
  });

  test('a single-page-app navigation starts a new maximum', () => {
    const { emit, events } = collector<ScrollEvent>();
    const stop = trackScroll(emit);
    scrollTo(0);
    scrollTo(768 * 9);
    history.pushState(null, '', '/next');
    scrollTo(0);
    expect(events.map((e) => e.depth)).toEqual([10, 100, 10]);
    stop();
  });

  test('an app shell that scrolls an inner element: depth is measured inside it', () => {
    document.body.innerHTML = '<div id="app"></div>';
    document.documentElement.dataset.scrollRoot = '#app';
    const app = document.querySelector('#app')!;
    let top = 0;
    Object.defineProperties(app, {
      scrollTop: { configurable: true, get: () => top },
      clientHeight: { configurable: true, value: 600 },
      scrollHeight: { configurable: true, value: 4000 },
    });
    setDocSize(1000, 768); // the document itself does not scroll
    const { emit, events } = collector<ScrollEvent>();
    const stop = trackScroll(emit);
    // element scroll events do not bubble: heard by capturing at the document
    app.dispatchEvent(new Event('scroll'));
    top = 3000;
    app.dispatchEvent(new Event('scroll'));
    delete document.documentElement.dataset.scrollRoot;
    expect(events.map((e) => e.depth)).toEqual([15, 90]);
    stop();
  });
});
