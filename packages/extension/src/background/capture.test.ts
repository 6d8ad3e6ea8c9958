import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { matchesViewport } = await import('./capture.js');

describe('matchesViewport', () => {
  const plan = { viewWidth: 1280, viewHeight: 720 };
  it('takes a viewport capture at 1 or 2 device px per CSS px', () => {
    expect(matchesViewport({ width: 1280, height: 720 }, plan)).toBe(true);
    expect(matchesViewport({ width: 2560, height: 1440 }, plan)).toBe(true);
    expect(matchesViewport({ width: 780, height: 1688 }, { viewWidth: 390, viewHeight: 844 })).toBe(true);
    expect(matchesViewport({ width: 390, height: 844 }, { viewWidth: 390, viewHeight: 844 })).toBe(true);
  });
  it('refuses a capture of another surface (device emulation, a resized window)', () => {
    expect(matchesViewport({ width: 390, height: 760 }, plan)).toBe(false);
    expect(matchesViewport({ width: 1280, height: 600 }, plan)).toBe(false);
  });
});
