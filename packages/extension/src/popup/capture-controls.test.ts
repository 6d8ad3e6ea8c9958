import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { describeResult, pngName } = await import('./capture-controls.js');

describe('capture controls', () => {
  it('says what was saved: size, type, cut, elements, frames and time', () => {
    const text = describeResult({
      id: 'x',
      seg: 'l',
      width: 1265,
      height: 20_000,
      cut: true,
      type: 'image/jpeg',
      bytes: 2_400_000,
      frames: 29,
      elements: 12,
      ms: 15_400,
    });
    expect(text).toBe(
      'Saved: 1265 × 20,000 px, cut at the bottom, 2,344 KB JPEG, 12 named elements, 29 frames in 15.4 s.',
    );
  });
  it('names the PNG by site, page and local time, in characters a file system takes', () => {
    const at = new Date(2026, 11, 7, 9, 5);
    expect(pngName('demo', '/product/a b?x', at)).toBe('heatlens-demo-product-a-b-x-2026-12-07-0905.png');
    expect(pngName('demo', '/', at)).toBe('heatlens-demo-home-2026-12-07-0905.png');
  });
});
