import { describe, expect, it } from 'vitest';
import { ELEMENT_GRID, MAX_DEPTH_PX, MAX_ROWS, ROW_PX } from './constants.js';
import { depthBand, elementCell, fixedRowOf, fixedRowTop, rowOf, segmentOf, tileOf } from './tiles.js';

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
    expect([segmentOf(320), segmentOf(767), segmentOf(768), segmentOf(1199), segmentOf(1200), segmentOf(2560)]).toEqual(
      ['s', 's', 'm', 'm', 'l', 'l'],
    );
  });
});

describe('depthBand', () => {
  it('maps 0..100 % to 50 bands', () => {
    expect([depthBand(0), depthBand(1.99), depthBand(2), depthBand(50), depthBand(100)]).toEqual([0, 0, 1, 25, 49]);
  });
});

describe('layout v2 rows', () => {
  it('rows are absolute page px: a button at y 400-460 is in the same rows on a 1,000 and a 4,000 px page', () => {
    expect(rowOf(410)).toBe(rowOf(410));
    expect(rowOf(410)).toBe(Math.floor(410 / ROW_PX));
    expect(rowOf(0)).toBe(0);
    expect(rowOf(-3)).toBe(0);
  });
  it('caps the depth: points past MAX_DEPTH_PX land in the last row', () => {
    expect(rowOf(MAX_DEPTH_PX * 3)).toBe(MAX_ROWS - 1);
  });
  it('fixed rows count from the nearer viewport edge', () => {
    expect(fixedRowOf(5, 800)).toBe(0);
    expect(fixedRowOf(799, 800)).toBe(-1);
    expect(fixedRowOf(800 - ROW_PX - 1, 800)).toBe(-2);
    // a chat button 30 px above the bottom is in the same row at any viewport height
    expect(fixedRowOf(600 - 30, 600)).toBe(fixedRowOf(1000 - 30, 1000));
    expect(fixedRowTop(fixedRowOf(570, 600), 1000)).toBeLessThanOrEqual(970);
    expect(fixedRowTop(fixedRowOf(570, 600), 1000) + ROW_PX).toBeGreaterThan(970);
  });
  it('element cells split 0..1 into ELEMENT_GRID cells', () => {
    expect(elementCell(0)).toBe(0);
    expect(elementCell(1)).toBe(ELEMENT_GRID - 1);
    expect(elementCell(0.55)).toBe(5);
  });
});
