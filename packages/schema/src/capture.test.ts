import { describe, expect, it } from 'vitest';
import { MAX_CAPTURE_ELEMENTS, MAX_CAPTURE_HEIGHT, imageType, parseCaptureMeta } from './capture.js';

const meta = (over: Record<string, unknown> = {}) => ({
  seg: 'l',
  width: 1280,
  height: 6000,
  takenAt: 1_750_000_000_000,
  elements: [{ sel: '#buy', name: 'Buy now', box: [10, 20, 100, 40] }],
  ...over,
});

describe('parseCaptureMeta', () => {
  it('accepts a capture meta, with a scroll root and fixed elements', () => {
    const m = meta({ scrollRoot: { w: 1280, h: 30_000 } });
    (m.elements as unknown[]).push({ sel: 'header', name: '<b>x</b>', box: [0, 0, 1280, 60], fixed: true });
    expect(parseCaptureMeta(m)).toEqual({ ok: true, value: m });
  });

  it.each([
    [meta({ seg: 'xl' }), 'meta.seg'],
    [meta({ height: MAX_CAPTURE_HEIGHT + 1 }), 'meta.height'],
    [meta({ width: 0 }), 'meta.width'],
    [meta({ takenAt: 'now' }), 'meta.takenAt'],
    [meta({ elements: [{ sel: '#a', name: 'x'.repeat(61), box: [0, 0, 1, 1] }] }), 'meta.elements[0].name'],
    [meta({ elements: [{ sel: '', name: '', box: [0, 0, 1, 1] }] }), 'meta.elements[0].sel'],
    [meta({ elements: [{ sel: '#a', name: '', box: [0, 0, 1] }] }), 'meta.elements[0].box'],
    [meta({ elements: [{ sel: '#a', name: '', box: [0, 0, 1, Infinity] }] }), 'meta.elements[0].box[3]'],
    [meta({ elements: [{ sel: '#a', name: '', box: [0, 0, -1, 1] }] }), 'meta.elements[0].box[2]'],
    [meta({ elements: [{ sel: '#a', name: '', box: [0, 0, 1, 1], value: 'secret' }] }), 'meta.elements[0].value'],
    [
      meta({
        elements: Array.from({ length: MAX_CAPTURE_ELEMENTS + 1 }, () => ({ sel: 'a', name: '', box: [0, 0, 1, 1] })),
      }),
      'meta.elements',
    ],
    [meta({ extra: 1 }), 'meta.extra'],
    [null, 'meta'],
  ])('rejects a bad field and names it (%#)', (input, field) => {
    const r = parseCaptureMeta(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.split(':')[0]).toBe(field);
  });
});

describe('imageType', () => {
  const bytes = (...b: number[]) => Uint8Array.from([...b, 0, 0, 0, 0]);
  it('knows PNG, JPEG and WebP by their signatures', () => {
    expect(imageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(imageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(imageType(Uint8Array.from([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')]))).toBe(
      'image/webp',
    );
  });
  it('refuses anything else, whatever it is called', () => {
    expect(imageType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    expect(imageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(imageType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(imageType(new Uint8Array(0))).toBeUndefined();
    expect(imageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
  });
});
