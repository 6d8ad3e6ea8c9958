import type { ScrollEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, resetDom, setDocSize, setVisibility } from '../test-support/dom.js';
import { trackScroll } from './scroll.js';

const scrollTo = (y: number) => {
  Object.defineProperty(window, 'scrollY', { configurable: true, value: y });
  window.dispatchEvent(new Event('scroll'));
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
});
