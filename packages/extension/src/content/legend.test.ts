import { describe, expect, it } from 'vitest';
import { snapshotFixture } from '@heatlens/testkit/snapshot';
import { DEFAULT_SETTINGS } from '../settings.js';
import { createLegend, legendText, OVERLAY_CSS } from './legend.js';

describe('createLegend', () => {
  it("puts the page's path at the end of the count's line, not alone on a line of its own", () => {
    const legend = createLegend(document);
    legend.update({ ...snapshotFixture(), path: '/product/:id' }, DEFAULT_SETTINGS);
    const path = legend.el.querySelector('#heatlens-path')!;
    expect(path.textContent).toBe('/product/:id');
    const line = path.parentElement!;
    expect(line).not.toBe(legend.el);
    expect(line.querySelector('#heatlens-total')).not.toBeNull();
    expect(line.textContent).toMatch(/^\d+ samples on \/product\/:id$/);
  });

  it('says nothing of a path before the first snapshot', () => {
    const legend = createLegend(document);
    legend.update(null, DEFAULT_SETTINGS);
    expect(legend.el.querySelector('#heatlens-path')!.parentElement!.textContent).toBe('… samples');
  });
});

describe('legend words', () => {
  const clicks = { ...DEFAULT_SETTINGS, kind: 'click' as const, seg: 's' as const };

  // On a narrow phone the compact legend read "10 samples on /index…": no map, no width.
  it('names the map and the width in the compact line, the path after them', () => {
    const legend = createLegend(document);
    legend.update({ ...snapshotFixture(), kind: 'click', path: '/index/a/very/long/path' }, clicks);
    const compact = legend.el.querySelector('.compact')!;
    expect(compact.querySelector('.head')!.textContent).toMatch(/^Clicks · width s · \d+$/);
    expect(compact.querySelector('.path')!.textContent).toBe(' /index/a/very/long/path');
    expect(OVERLAY_CSS).toMatch(/\[data-compact\] > :not\(\.compact\) \{ display: none; \}/);
    // the compact line cuts the path only: the head never shrinks
    expect(OVERLAY_CSS).toMatch(/\.compact > \.head \{ flex: none; \}/);
  });

  it('says the tile scale counts clicks, beside element labels that count an element’s clicks', () => {
    const t = legendText({ ...snapshotFixture(), kind: 'click', total: 9, max: 4 }, clicks);
    expect(t.scale).toBe('tile heat 1 → 4 clicks');
    expect(legendText({ ...snapshotFixture(), kind: 'move', total: 9, max: 7 }, DEFAULT_SETTINGS).scale).toBe(
      'tile heat 1 → 7 moves',
    );
  });

  it('says a scale of one sample a tile as such, not "1 → 1 clicks"', () => {
    expect(legendText({ ...snapshotFixture(), kind: 'click', total: 3, max: 1 }, clicks).scale).toBe(
      'tile heat: 1 click a tile',
    );
    expect(legendText({ ...snapshotFixture(), kind: 'move', total: 2, max: 1 }, DEFAULT_SETTINGS).scale).toBe(
      'tile heat: 1 move a tile',
    );
  });

  it('says a width without samples has none, not "1 → 0 per tile"', () => {
    const empty = { ...snapshotFixture(), kind: 'click' as const, tiles: [], elements: [], total: 0, max: 0 };
    expect(legendText(empty, clicks).scale).toBe('no samples at this width');
    expect(legendText(empty, { ...clicks, seg: 'all' }).scale).toBe('no samples in this window');
  });
});
