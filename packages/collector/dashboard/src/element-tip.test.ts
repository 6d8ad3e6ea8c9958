// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderTip, tipFigures } from './element-tip.js';

describe('renderTip', () => {
  it('shows a name holding markup as text, never as elements', () => {
    const name = '<img src=x onerror="window.__xss=1">Pay';
    const host = document.createElement('div');
    host.append(
      ...renderTip({ sel: '#pay', name, box: [0, 0, 1, 1] }, { clicks: 3, rage: 2, dead: 0, alertWindowMs: 300_000 }),
    );
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.tip-name')!.textContent).toBe(name);
    expect(host.querySelector('.tip-sel')!.textContent).toBe('#pay');
    expect(host.querySelector('[data-tip="clicks"]')!.textContent).toBe('3 clicks');
    expect(host.querySelector('[data-tip="rage-dead"]')!.textContent).toContain('2 rage · 0 dead');
  });
  it('says when no alert counted rage or dead clicks', () => {
    const host = document.createElement('div');
    host.append(...renderTip({ sel: 'a', name: '', box: [0, 0, 1, 1] }, { clicks: 1 }));
    expect(host.textContent).toContain('(no name)');
    expect(host.textContent).toContain('1 click');
    expect(host.textContent).toContain('no rage or dead clicks alerted');
  });
  it('takes rage and dead clicks of the window from the frame when it has them, 0 for an element not listed', () => {
    const frame = { stats: { rageSelectors: [{ sel: '#pay', count: 4 }], deadSelectors: [{ sel: 'a', count: 1 }] } };
    expect(tipFigures(frame, '#pay', 9, { rage: 1, window: 60_000 })).toEqual({ clicks: 9, rage: 4, dead: 0 });
    const host = document.createElement('div');
    host.append(...renderTip({ sel: '#pay', name: 'Pay', box: [0, 0, 1, 1] }, tipFigures(frame, '#pay', 9, undefined)));
    expect(host.querySelector('[data-tip="rage-dead"]')!.textContent).toBe('4 rage · 0 dead clicks');
  });
  it('falls back to what alerts counted when the frame has no per-element counts', () => {
    expect(tipFigures({ stats: {} }, '#pay', 2, { rage: 3, window: 60_000 })).toEqual({
      clicks: 2,
      rage: 3,
      dead: undefined,
      alertWindowMs: 60_000,
    });
  });
});
