import { describe, expect, it } from 'vitest';
import { measureLayout } from './measure-layout.js';

describe('measureLayout', () => {
  it('measures an element root by its padding box and its own scroll', () => {
    const el = {
      getBoundingClientRect: () => ({ left: 240, top: 64 }),
      clientLeft: 1,
      clientTop: 2,
      clientWidth: 1000,
      clientHeight: 700,
      scrollLeft: 0,
      scrollTop: 3000,
      scrollWidth: 1000,
      scrollHeight: 4000,
    } as unknown as Element;
    const l = measureLayout(window, el);
    expect(l).toMatchObject({
      rootLeft: 241,
      rootTop: 66,
      rootWidth: 1000,
      rootHeight: 700,
      scrollY: 3000,
      docHeight: 4000,
    });
  });
  it('measures the document root as the viewport at the window scroll', () => {
    const l = measureLayout(window, document.documentElement);
    expect(l).toMatchObject({
      rootLeft: 0,
      rootTop: 0,
      rootWidth: innerWidth,
      rootHeight: innerHeight,
      scrollY: scrollY,
    });
  });
});
