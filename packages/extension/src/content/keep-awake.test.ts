import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEP_AWAKE_MS, keepAwake } from './keep-awake.js';

describe('keepAwake', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends well inside Firefox default 30 s idle timeout, until stopped, then never again', () => {
    vi.useFakeTimers();
    expect(KEEP_AWAKE_MS).toBeLessThanOrEqual(10_000);
    const send = vi.fn();
    const stop = keepAwake(send);
    vi.advanceTimersByTime(30_000);
    expect(send).toHaveBeenCalledTimes(30_000 / KEEP_AWAKE_MS);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(send).toHaveBeenCalledTimes(30_000 / KEEP_AWAKE_MS);
  });
});
