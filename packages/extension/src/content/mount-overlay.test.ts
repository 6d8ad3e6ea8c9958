import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotFixture } from '@heatlens/testkit/snapshot';
import { DEFAULT_SETTINGS } from '../settings.js';
import { mountOverlay, OVERLAY_ID } from './mount-overlay.js';

afterEach(() => {
  document.documentElement.querySelector(`#${OVERLAY_ID}`)?.remove();
  vi.restoreAllMocks();
});

describe('mountOverlay', () => {
  it('adds a fixed, click-through heat canvas and a label canvas in a shadow root, above the page', () => {
    const overlay = mountOverlay(window);
    const host = document.getElementById(OVERLAY_ID)!;
    expect(host.style.position).toBe('fixed');
    expect(host.style.pointerEvents).toBe('none');
    expect(host.style.zIndex).toBe('2147483647');
    expect(host.shadowRoot!.querySelectorAll('canvas')).toHaveLength(2);
    expect(host.shadowRoot!.querySelector('#heatlens-labels')).not.toBeNull();
    expect(host.shadowRoot!.querySelector('#heatlens-canvas')).not.toBeNull();
    overlay.destroy();
  });

  it('shows the sample count in the legend', () => {
    const overlay = mountOverlay(window);
    overlay.draw(snapshotFixture({ total: 1234 }), DEFAULT_SETTINGS);
    const legend = document.getElementById(OVERLAY_ID)!.shadowRoot!.querySelector('#heatlens-legend')!;
    expect(legend.querySelector('#heatlens-total')!.textContent).toBe('1234');
    expect(legend.textContent).toContain('Cursor moves · 5 min · all widths');
    overlay.destroy();
  });

  it('leaves the DOM exactly as it was, and stops listening, once destroyed', () => {
    document.body.innerHTML = '<main><h1>Product</h1><button id="buy">Buy</button></main>';
    const before = document.documentElement.outerHTML;
    const removed = vi.spyOn(window, 'removeEventListener');
    const added = vi.spyOn(window, 'addEventListener');
    const overlay = mountOverlay(window);
    overlay.draw(snapshotFixture(), DEFAULT_SETTINGS);
    expect(document.documentElement.outerHTML).not.toBe(before);
    const signals = added.mock.calls.map(([, , o]) => (o as AddEventListenerOptions | undefined)?.signal);
    overlay.destroy();
    expect(document.documentElement.outerHTML).toBe(before);
    // Every listener was added with the overlay's abort signal, now aborted.
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s?.aborted)).toBe(true);
    expect(removed).not.toHaveBeenCalledWith('scroll', expect.anything());
  });

  it('reports SPA navigation with the new path', async () => {
    const paths: string[] = [];
    const overlay = mountOverlay(window, { onNavigate: (p) => paths.push(p) });
    history.pushState({}, '', '/product/8');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(paths).toEqual(['/product/8']);
    overlay.destroy();
    history.pushState({}, '', '/product/9');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(paths).toEqual(['/product/8']);
  });
});
