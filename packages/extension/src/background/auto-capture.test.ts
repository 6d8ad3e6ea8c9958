import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { CAPTURE_MAX_AGE_MS, needsCapture } = await import('./auto-capture.js');

describe('needsCapture', () => {
  const now = 1_800_000_000_000;
  it('wants a capture when the segment has none, or only one older than 7 days', () => {
    expect(needsCapture([], 'l', now)).toBe(true);
    expect(needsCapture([{ seg: 'm', takenAt: now - 1000 }], 'l', now)).toBe(true);
    expect(needsCapture([{ seg: 'l', takenAt: now - CAPTURE_MAX_AGE_MS - 1 }], 'l', now)).toBe(true);
  });
  it('is content with a recent capture of the segment, whatever older ones there are', () => {
    expect(needsCapture([{ seg: 'l', takenAt: now - 1000 }], 'l', now)).toBe(false);
    expect(
      needsCapture(
        [
          { seg: 'l', takenAt: now - 30 * CAPTURE_MAX_AGE_MS },
          { seg: 'l', takenAt: now - CAPTURE_MAX_AGE_MS + 60_000 },
        ],
        'l',
        now,
      ),
    ).toBe(false);
  });
});
