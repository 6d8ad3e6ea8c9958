// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { byId, h } from './dom.js';

describe('h', () => {
  it('puts strings in as text, never as HTML', () => {
    const el = h('p', {}, '<img src=x onerror=alert(1)>', 3);
    expect(el.children).toHaveLength(0);
    expect(el.textContent).toBe('<img src=x onerror=alert(1)>3');
  });

  it('sets string attributes, `true` as present, skips false and undefined, and binds on* functions', () => {
    const click = vi.fn();
    const el = h(
      'button',
      { class: 'link', 'data-n': 2, disabled: true, hidden: false, title: undefined, onclick: click },
      null,
      false,
      h('span', {}, 'x'),
    );
    expect([el.getAttribute('class'), el.getAttribute('data-n'), el.getAttribute('disabled')]).toEqual([
      'link',
      '2',
      '',
    ]);
    expect([el.hasAttribute('hidden'), el.hasAttribute('title'), el.hasAttribute('onclick')]).toEqual([
      false,
      false,
      false,
    ]);
    expect(el.innerHTML).toBe('<span>x</span>');
    el.dispatchEvent(new Event('click'));
    expect(click).toHaveBeenCalledOnce();
  });
});

describe('byId', () => {
  it('finds an element, and names the one index.html lacks', () => {
    document.body.innerHTML = '<main id="app"></main>';
    expect(byId('app').tagName).toBe('MAIN');
    expect(() => byId('nope')).toThrow('dashboard: #nope missing from index.html');
  });
});
