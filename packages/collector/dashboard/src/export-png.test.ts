import { describe, expect, it } from 'vitest';
import { pngName } from './export-png.js';

describe('pngName', () => {
  it('names the export by site, page, map and day, in safe characters', () => {
    const date = new Date('2026-12-07T10:00:00Z');
    expect(pngName({ site: 'demo', page: '/product/:id', map: 'Clicks', date })).toBe(
      'heatlens-demo-product-id-clicks-2026-12-07.png',
    );
    expect(pngName({ site: 'demo', page: '/', map: 'Scroll reach', date })).toBe(
      'heatlens-demo-root-scroll-reach-2026-12-07.png',
    );
  });
});
