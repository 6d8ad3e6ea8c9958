import type { PageviewEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, resetDom } from '../test-support/dom.js';
import { trackPageviews } from './pageviews.js';

beforeEach(() => {
  resetDom();
  history.replaceState(null, '', '/start?utm=secret#top');
  Object.defineProperty(document, 'referrer', { configurable: true, value: '' });
});

describe('trackPageviews', () => {
  test('one view at start with language, time zone, viewport and screen', () => {
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    expect(events).toEqual([
      {
        type: 'pageview',
        ts: expect.any(Number),
        ref: undefined,
        lang: navigator.language,
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
        vh: innerHeight,
        sw: screen.width,
        sh: screen.height,
      },
    ]);
    stop();
  });

  test('pushState, replaceState and popstate to a new path are page views with the previous page as referrer', () => {
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    history.pushState(null, '', '/product/7?color=red');
    history.replaceState({ scroll: 1 }, '', '/product/7?color=blue'); // same path: no view
    history.replaceState(null, '', '/product/8');
    history.pushState(null, '', '/start');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.ref)).toEqual([
      undefined,
      `${new URL(location.href).origin}/start`,
      `${new URL(location.href).origin}/product/7`,
      `${new URL(location.href).origin}/product/8`,
    ]);
    stop();
  });

  test('hash changes are a new page only when the hash is kept', () => {
    const plain = collector<PageviewEvent>();
    const stopPlain = trackPageviews(plain.emit);
    const withHash = collector<PageviewEvent>();
    const stopHash = trackPageviews(withHash.emit, { hash: true });
    location.hash = '#/settings';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(plain.events).toHaveLength(1);
    expect(withHash.events).toHaveLength(2);
    stopPlain();
    stopHash();
  });

  test('a back/forward-cache restore is a new view of the same page', () => {
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(events).toHaveLength(2);
    stop();
  });

  test('a prerendered page counts its view on activation', () => {
    Object.defineProperty(document, 'prerendering', { configurable: true, value: true });
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    expect(events).toHaveLength(0);
    Object.defineProperty(document, 'prerendering', { configurable: true, value: false });
    document.dispatchEvent(new Event('prerenderingchange'));
    expect(events).toHaveLength(1);
    stop();
    delete (document as { prerendering?: boolean }).prerendering;
  });

  test('the first referrer is the document referrer, without query or hash', () => {
    Object.defineProperty(document, 'referrer', {
      configurable: true,
      value: 'https://search.example/results?q=secret#x',
    });
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    expect(events[0]!.ref).toBe('https://search.example/results');
    stop();
  });

  test('stop restores history and emits nothing more', () => {
    const push = history.pushState;
    const { emit, events } = collector<PageviewEvent>();
    const stop = trackPageviews(emit);
    expect(history.pushState).not.toBe(push);
    stop();
    expect(history.pushState).toBe(push);
    history.pushState(null, '', '/elsewhere');
    expect(events).toHaveLength(1);
  });

  test('a failure inside tracking never breaks the page navigation', () => {
    const stop = trackPageviews(() => {
      throw new Error('boom');
    });
    expect(() => history.pushState(null, '', '/x')).not.toThrow();
    expect(location.pathname).toBe('/x');
    stop();
  });
});
