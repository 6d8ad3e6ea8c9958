// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderTip } from './element-tip.js';

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
});
