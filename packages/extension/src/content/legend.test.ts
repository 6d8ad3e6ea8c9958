import { describe, expect, it } from 'vitest';
import { fixedRowOf } from '@heatlens/schema/tiles';
import { snapshotFixture } from '@heatlens/testkit/snapshot';
import { DEFAULT_SETTINGS } from '../settings.js';
import { createLegend, legendCorner } from './legend.js';

const map = (fixed: [number, number, number][]) => ({ grid: 50, rowPx: 20, fixed });

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

describe('legendCorner', () => {
  it('keeps the bottom-right corner while the fixed layer leaves it free', () => {
    expect(legendCorner(map([[45, 1, 3]]), 1280, 800)).toBe('br');
  });
  it('moves away from a chat button in the bottom-right corner, then from a bottom bar', () => {
    const chat: [number, number, number] = [48, fixedRowOf(760, 800), 5];
    expect(legendCorner(map([chat]), 1280, 800)).toBe('bl');
    expect(legendCorner(map([chat, [1, -1, 1]]), 1280, 800)).toBe('tr');
  });
  it('stays put when every corner has heat', () => {
    expect(legendCorner(map([[0, 0, 1], [49, 0, 1], [0, -1, 1], [49, -1, 1]]), 1280, 800)).toBe('br');
  });
});
