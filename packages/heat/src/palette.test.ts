import { describe, expect, it } from 'vitest';
import { heatAlpha, heatIndex, HEAT_STOPS, readPalette, type GradientContext } from './palette.js';

/** A stand-in 2D context that records the gradient and returns a ramp from its first to last stop. */
function fakeContext() {
  const stops: Array<[number, string]> = [];
  const calls: string[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    createLinearGradient(x0: number, y0: number, x1: number, y1: number) {
      calls.push(`gradient ${x0},${y0} -> ${x1},${y1}`);
      return { addColorStop: (at: number, c: string) => stops.push([at, c]) };
    },
    fillRect(x: number, y: number, w: number, h: number) {
      calls.push(`fill ${x},${y},${w},${h}`);
    },
    getImageData(_x: number, _y: number, w: number, h: number) {
      calls.push(`read ${w}x${h}`);
      const data = new Uint8ClampedArray(w * h * 4);
      for (let i = 0; i < w; i++) data.set([i, 0, 255 - i, 255], i * 4);
      return { data };
    },
  };
  return { ctx: ctx as unknown as GradientContext, stops, calls };
}

describe('readPalette', () => {
  it('paints the heat stops once on a 256x1 strip and keeps its pixels', () => {
    const { ctx, stops, calls } = fakeContext();
    const palette = readPalette(ctx);
    expect(stops).toEqual(HEAT_STOPS);
    expect(calls).toEqual(['gradient 0,0 -> 256,0', 'fill 0,0,256,1', 'read 256x1']);
    expect(palette).toHaveLength(1024);
    expect([...palette.slice(255 * 4, 256 * 4)]).toEqual([255, 0, 0, 255]);
  });

  it('runs cold to hot: blue first, red last', () => {
    expect(HEAT_STOPS[0]).toEqual([0, 'blue']);
    expect(HEAT_STOPS.at(-1)).toEqual([1, 'red']);
  });
});

describe('heatIndex', () => {
  it('colours relative to the hottest tile', () => {
    expect(heatIndex(10, 10)).toBe(255);
    expect(heatIndex(5, 10)).toBe(128);
    expect(heatIndex(0, 10)).toBe(0);
  });
  it('shows a single sample among thousands', () => {
    expect(heatIndex(1, 100_000)).toBe(1);
  });
  it('never leaves 0..255, whatever it is given', () => {
    expect(heatIndex(20, 10)).toBe(255);
    expect(heatIndex(5, 0)).toBe(0);
    expect(heatIndex(Number.NaN, 10)).toBe(0);
  });
});

describe('heatAlpha', () => {
  it('is transparent for empty tiles and grows with heat and opacity', () => {
    expect(heatAlpha(0, 1)).toBe(0);
    expect(heatAlpha(255, 1)).toBe(255);
    expect(heatAlpha(1, 1)).toBeLessThan(heatAlpha(255, 1));
    expect(heatAlpha(255, 0.5)).toBe(128);
  });
});
