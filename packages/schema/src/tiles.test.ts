import { describe, expect, it } from 'vitest';
import { depthBand, segmentOf, tileOf } from './tiles.js';

describe('tileOf', () => {
  it('puts a click at page (960, 2400) on a 1920x4800 document in tile (25, 25)', () => {
    expect([tileOf(960, 1920), tileOf(2400, 4800)]).toEqual([25, 25]);
  });
  it('uses the document size, not the viewport: the bottom of a long page is tile 49', () => {
    expect(tileOf(4799, 4800)).toBe(49);
    expect(tileOf(0, 4800)).toBe(0);
    expect(tileOf(95.9, 4800)).toBe(0);
    expect(tileOf(96, 4800)).toBe(1);
  });
  it('clamps to the grid', () => {
    expect(tileOf(4800, 4800)).toBe(49);
    expect(tileOf(9999, 100)).toBe(49);
    expect(tileOf(-5, 100)).toBe(0);
    expect(tileOf(10, 0)).toBe(0);
  });
  it('honours another grid size', () => {
    expect(tileOf(50, 100, 10)).toBe(5);
  });
});

describe('segmentOf', () => {
  it('splits at 768 and 1200', () => {
    expect([segmentOf(320), segmentOf(767), segmentOf(768), segmentOf(1199), segmentOf(1200), segmentOf(2560)]).toEqual([
      's', 's', 'm', 'm', 'l', 'l',
    ]);
  });
});

describe('depthBand', () => {
  it('maps 0..100 % to 50 bands', () => {
    expect([depthBand(0), depthBand(1.99), depthBand(2), depthBand(50), depthBand(100)]).toEqual([0, 0, 1, 25, 49]);
  });
});
