import { describe, expect, it } from 'vitest';
import { pickCapture, viewsBySegment, type Capture } from './capture-api.js';

const cap = (id: string, seg: Capture['seg']): Capture => ({ id, seg, width: 1, height: 1, takenAt: 0, elements: [] });

describe('pickCapture', () => {
  const list = [cap('l1', 'l'), cap('s1', 's'), cap('l0', 'l')];
  it('takes the newest of the chosen segment, none when it has none', () => {
    expect(pickCapture(list, 'l')?.id).toBe('l1');
    expect(pickCapture(list, 'm')).toBeUndefined();
  });
  it('for all widths takes the segment with most samples, then any other', () => {
    expect(pickCapture(list, 'all', { s: 9, l: 2 })?.id).toBe('s1');
    expect(pickCapture(list, 'all', { m: 9 })?.id).toBe('l1');
    expect(pickCapture([], 'all')).toBeUndefined();
  });
  it('counts views per segment from the screens source', () => {
    expect(
      viewsBySegment([
        ['l 1920x1080', 3],
        ['s 390x844', 2],
        ['l 1280x800', 1],
      ]),
    ).toEqual({ l: 4, s: 2 });
  });
});
