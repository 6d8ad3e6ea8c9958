import type { MoveEvent } from '@heatlens/schema';
import { describe, expect, test, vi } from 'vitest';
import { collector, fakeScrollRoot, freshPageEachTest, mouse } from '../test-support/dom.js';
import { trackMoves } from './moves.js';

freshPageEachTest(1_000_000);

describe('trackMoves', () => {
  test('samples at most 4 times a second, in page coordinates against the document size', () => {
    const { emit, events } = collector<MoveEvent>();
    const stop = trackMoves(emit);
    // 60 moves a second for 2 s
    for (let i = 0; i < 120; i++) {
      mouse(document.body, 'pointermove', { x: i, y: 10, scrollY: 500 });
      vi.advanceTimersByTime(1000 / 60);
    }
    vi.advanceTimersByTime(1000);
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.length).toBeLessThanOrEqual(9);
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts - events[i - 1]!.ts).toBeGreaterThanOrEqual(250);
    expect(events[0]).toMatchObject({ type: 'move', y: 510, w: 1000, h: 4000 });
    stop();
  });

  test('emits a rest point where the cursor stops, once', () => {
    const { emit, events } = collector<MoveEvent>();
    const stop = trackMoves(emit);
    mouse(document.body, 'pointermove', { x: 1, y: 1 });
    vi.advanceTimersByTime(300);
    mouse(document.body, 'pointermove', { x: 50, y: 60 });
    mouse(document.body, 'pointermove', { x: 70, y: 80 });
    vi.advanceTimersByTime(5000);
    expect(events.map((e) => [e.x, e.y])).toEqual([
      [1, 1],
      [70, 80],
    ]);
    stop();
  });

  test('the rate is configurable; touch moves are ignored; stop clears the pending sample', () => {
    const { emit, events } = collector<MoveEvent>();
    const stop = trackMoves(emit, { hz: 1 });
    for (let i = 0; i < 20; i++) {
      mouse(document.body, 'pointermove', { x: i, y: i });
      mouse(document.body, 'pointermove', { x: 999, y: 999, pointerType: 'touch' });
      vi.advanceTimersByTime(100);
    }
    // 2 s at 1 Hz: samples at 0, 1 and 2 s
    expect(events.map((e) => e.ts - events[0]!.ts)).toEqual([0, 1000, 2000]);
    expect(events.some((e) => e.x == 999)).toBe(false);
    mouse(document.body, 'pointermove', { x: 5, y: 5 });
    stop();
    vi.advanceTimersByTime(5000);
    expect(events.length).toBe(3);
  });

  test('over a fixed box: viewport coordinates and height besides the page point', () => {
    document.body.innerHTML = '<header style="position: fixed; top: 0"><nav><a>cart</a></nav></header><p>text</p>';
    const { emit, events } = collector<MoveEvent>();
    const stop = trackMoves(emit);
    mouse(document.querySelector('a')!, 'pointermove', { x: 40, y: 12, scrollY: 2000 });
    vi.advanceTimersByTime(300);
    mouse(document.querySelector('p')!, 'pointermove', { x: 40, y: 300, scrollY: 2000 });
    vi.advanceTimersByTime(300);
    expect(events).toEqual([
      { type: 'move', ts: 1_000_000, x: 40, y: 2012, w: 1000, h: 4000, fixed: true, cx: 40, cy: 12, vh: innerHeight },
      { type: 'move', ts: 1_000_300, x: 40, y: 2300, w: 1000, h: 4000 },
    ]);
    stop();
  });

  test('inside a named scroll root: content coordinates and its scroll size', () => {
    document.body.innerHTML = '<div id="app"><p>x</p></div>';
    fakeScrollRoot(
      '#app',
      { left: 20, top: 0, width: 780, height: 600 },
      { scrollTop: 1000, scrollHeight: 4000, scrollWidth: 780 },
    );
    const { emit, events } = collector<MoveEvent>();
    const stop = trackMoves(emit);
    mouse(document.querySelector('p')!, 'pointermove', { x: 120, y: 200 });
    vi.advanceTimersByTime(300);
    delete document.documentElement.dataset.scrollRoot;
    expect(events[0]).toMatchObject({ x: 100, y: 1200, w: 780, h: 4000 });
    stop();
  });
});
