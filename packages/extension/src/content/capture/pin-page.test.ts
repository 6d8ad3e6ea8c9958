import { describe, expect, it } from 'vitest';
import { pinPage } from './pin-page.js';

describe('pinPage', () => {
  it('puts every style attribute back exactly: absent stays absent, a present one keeps its text', () => {
    document.body.innerHTML =
      '<header id="h" style="position: sticky; top: 0">Top</header><main id="m" style="color:red">x</main>';
    const header = document.getElementById('h')!;
    const before = document.documentElement.outerHTML;
    expect(document.documentElement.hasAttribute('style')).toBe(false);
    const pinned = pinPage(window, document.documentElement);
    expect(header.getAttribute('style')).toBe('position: sticky; top: 0; position: static !important;');
    expect(document.documentElement.getAttribute('style')).toBe(
      'scroll-behavior: auto !important; scroll-snap-type: none !important;',
    );
    pinned.restore();
    expect(document.documentElement.hasAttribute('style')).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
