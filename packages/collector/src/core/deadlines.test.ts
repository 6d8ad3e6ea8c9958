import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeadlines } from './deadlines.js';

describe('createDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires each deadline once, in order, at its time, with one timer for all of them', () => {
    const d = createDeadlines(100);
    const expired: number[] = [];
    for (let i = 0; i < 50; i++) {
      d.add(() => expired.push(i));
      vi.advanceTimersByTime(1);
    }
    // 50 pending deadlines, one timer.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(48); // 98 ms after the first
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(expired).toEqual([0]);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual([...Array(50).keys()]);
    expect(d.size()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never expires a deadline marked done, wherever it is in the list', () => {
    const d = createDeadlines(100);
    const expired: string[] = [];
    const first = d.add(() => expired.push('first'));
    d.add(() => expired.push('middle'));
    const middle = d.add(() => expired.push('middle2'));
    const last = d.add(() => expired.push('last'));
    d.done(first);
    d.done(middle);
    d.done(last);
    d.done(last); // twice: no harm
    expect(d.size()).toBe(1);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['middle']);
  });

  it('arms again after a quiet spell, and done after expiry is a no-op', () => {
    const d = createDeadlines(10);
    let n = 0;
    const a = d.add(() => n++);
    vi.advanceTimersByTime(10);
    expect(n).toBe(1);
    d.done(a);
    vi.advanceTimersByTime(1000);
    d.add(() => n++);
    vi.advanceTimersByTime(9);
    expect(n).toBe(1);
    vi.advanceTimersByTime(1);
    expect(n).toBe(2);
  });

  it('stops on close: nothing pending expires', () => {
    const d = createDeadlines(10);
    let n = 0;
    d.add(() => n++);
    d.close();
    vi.advanceTimersByTime(100);
    expect(n).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
