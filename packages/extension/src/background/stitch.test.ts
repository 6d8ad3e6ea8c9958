import { describe, expect, it } from 'vitest';
import { frameSlice } from './stitch.js';

describe('frameSlice', () => {
  it('takes each frame below what is drawn, and only the new rows of a last frame clamped by the browser', () => {
    // 2,100 px of content through a 700 px viewport: 0, 700, 1400, then nothing more.
    expect(frameSlice(0, 700, 0, 2100)).toEqual({ srcY: 0, dstY: 0, rows: 700 });
    expect(frameSlice(700, 700, 700, 2100)).toEqual({ srcY: 0, dstY: 700, rows: 700 });
    expect(frameSlice(1400, 700, 1400, 2100)).toEqual({ srcY: 0, dstY: 1400, rows: 700 });
    // 2,000 px: asked for 1400, the browser stops at 1300; rows 1300..1400 are drawn already.
    expect(frameSlice(1300, 700, 1400, 2000)).toEqual({ srcY: 100, dstY: 1400, rows: 600 });
  });

  it('cuts at the picture height and adds nothing when a frame shows only drawn rows', () => {
    expect(frameSlice(19_600, 700, 19_600, 20_000)).toEqual({ srcY: 0, dstY: 19_600, rows: 400 });
    expect(frameSlice(1000, 700, 1700, 5000)).toBeNull();
    expect(frameSlice(0, 700, 700, 700)).toBeNull();
  });
});
