import type { ImageViewEvent } from '@heatlens/schema';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { collector, resetDom } from '../test-support/dom.js';
import { trackImageViews } from './image-views.js';

// happy-dom has no layout, so IntersectionObserver is replaced by one the test drives.
let observers: FakeIO[] = [];
class FakeIO {
  targets = new Set<Element>();
  constructor(
    public cb: IntersectionObserverCallback,
    public opts?: IntersectionObserverInit,
  ) {
    observers.push(this);
  }
  observe(t: Element) {
    this.targets.add(t);
  }
  unobserve(t: Element) {
    this.targets.delete(t);
  }
  disconnect() {
    this.targets.clear();
  }
}
const show = (el: Element, ratio: number) => {
  for (const o of observers)
    if (o.targets.has(el))
      o.cb(
        [{ target: el, intersectionRatio: ratio, isIntersecting: ratio > 0 } as IntersectionObserverEntry],
        o as unknown as IntersectionObserver,
      );
};

beforeEach(() => {
  resetDom();
  observers = [];
  vi.stubGlobal('IntersectionObserver', FakeIO);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function img(src: string) {
  const i = document.createElement('img');
  Object.defineProperty(i, 'currentSrc', { value: src });
  document.body.append(i);
  return i;
}

describe('trackImageViews', () => {
  test('an image at least half visible for 1 s counts once, its source without query', () => {
    const a = img('https://cdn.example/a.jpg?sig=secret');
    const { emit, events } = collector<ImageViewEvent>();
    const stop = trackImageViews(emit);
    expect(observers[0]!.opts?.threshold).toBe(0.5);
    show(a, 0.6);
    vi.advanceTimersByTime(999);
    expect(events).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(events).toEqual([{ type: 'image_view', ts: expect.any(Number), src: 'https://cdn.example/a.jpg' }]);
    show(a, 1);
    vi.advanceTimersByTime(5000);
    expect(events).toHaveLength(1);
    stop();
  });

  test('scrolled away before 1 s, or under half visible: no view', () => {
    const a = img('https://cdn.example/a.jpg');
    const { emit, events } = collector<ImageViewEvent>();
    const stop = trackImageViews(emit);
    show(a, 0.7);
    vi.advanceTimersByTime(500);
    show(a, 0.1);
    vi.advanceTimersByTime(5000);
    show(a, 0.4);
    vi.advanceTimersByTime(5000);
    expect(events).toHaveLength(0);
    stop();
  });

  test('images added later are observed when they load; stop cancels pending views', () => {
    const { emit, events } = collector<ImageViewEvent>();
    const stop = trackImageViews(emit);
    const late = img('https://cdn.example/late.png');
    late.dispatchEvent(new Event('load'));
    show(late, 1);
    stop();
    vi.advanceTimersByTime(2000);
    expect(events).toHaveLength(0);
    expect(observers[0]!.targets.size).toBe(0);
  });
});
