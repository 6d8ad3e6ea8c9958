import { describe, expect, it } from 'vitest';
import { DIVERGING, divergingColour, renderDiff } from './diverging.js';
import { fieldFor, kernelFor } from './heat-kernel.js';

describe('diverging palette', () => {
  it('colours a rise and a fall in their own hues and leaves a held share transparent', () => {
    expect(divergingColour(1).slice(0, 3)).toEqual([...DIVERGING.rise]);
    expect(divergingColour(-1).slice(0, 3)).toEqual([...DIVERGING.fall]);
    expect(divergingColour(0)[3]).toBe(0);
    expect(divergingColour(0.01)[3]).toBe(0);
    expect(divergingColour(0.5)[3]).toBeLessThan(divergingColour(1)[3]);
  });

  it('renders a fall where the share fell and a rise where it rose, nothing elsewhere', () => {
    const w = 60;
    const h = 20;
    const k = kernelFor(6, 1);
    const out = new Uint8ClampedArray(w * h * 4);
    renderDiff(
      out,
      w,
      h,
      [
        [10, 10, -30],
        [50, 10, 30],
      ],
      30,
      k,
      fieldFor(w, h, k),
    );
    const at = (x: number, y: number) => [...out.slice((y * w + x) * 4, (y * w + x) * 4 + 4)];
    expect(at(10, 10).slice(0, 3)).toEqual([...DIVERGING.fall]);
    expect(at(50, 10).slice(0, 3)).toEqual([...DIVERGING.rise]);
    expect(at(30, 10)[3]).toBe(0);
  });

  it('draws nothing for an empty difference', () => {
    const k = kernelFor(6, 1);
    const out = new Uint8ClampedArray(10 * 10 * 4).fill(7);
    renderDiff(out, 10, 10, [], 0, k, fieldFor(10, 10, k));
    expect(out.every((v) => v === 0)).toBe(true);
  });
});
