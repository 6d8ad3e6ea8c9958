import { describe, expect, it } from 'vitest';
import { snapshotFixture } from '@heatlens/testkit/snapshot';
import { DEFAULT_SETTINGS } from '../settings.js';
import { createLegend } from './legend.js';

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
