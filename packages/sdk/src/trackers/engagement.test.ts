import type { CustomEvent, EngagementEvent } from '@heatlens/schema';
import { describe, expect, test, vi } from 'vitest';
import { collector, freshPageEachTest, setVisibility } from '../test-support/dom.js';
import { createTrack } from './custom.js';
import { trackEngagement } from './engagement.js';

freshPageEachTest(1_000_000);

describe('trackEngagement', () => {
  test('counts visible and focused time only, reported when the page is hidden', () => {
    let focused = true;
    vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
    const { emit, events } = collector<EngagementEvent>();
    const stop = trackEngagement(emit);
    vi.advanceTimersByTime(3000);
    focused = false;
    window.dispatchEvent(new Event('blur'));
    vi.advanceTimersByTime(10_000); // unfocused: not counted
    focused = true;
    window.dispatchEvent(new Event('focus'));
    vi.advanceTimersByTime(2000);
    setVisibility('hidden');
    expect(events.map((e) => e.ms)).toEqual([5000]);
    vi.advanceTimersByTime(60_000); // hidden: not counted
    setVisibility('visible');
    vi.advanceTimersByTime(1000);
    stop();
    expect(events.map((e) => e.ms)).toEqual([5000, 1000]);
  });

  test('sends nothing for a span the wall clock was set back over', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { emit, events } = collector<EngagementEvent>();
    trackEngagement(emit);
    vi.setSystemTime(Date.now() - 60_000);
    setVisibility('hidden');
    expect(events).toEqual([]);
  });
});

describe('createTrack', () => {
  test('sends custom events by name, cut to 128 chars; empty names are ignored', () => {
    const { emit, events } = collector<CustomEvent>();
    const track = createTrack<'signup' | 'upgrade' | ''>(emit);
    track('signup');
    track('');
    (track as (n: string) => void)('x'.repeat(300));
    expect(events.map((e) => e.name.length)).toEqual([6, 128]);
    expect(events[0]).toEqual({ type: 'custom', ts: Date.now(), name: 'signup' });
  });
});
