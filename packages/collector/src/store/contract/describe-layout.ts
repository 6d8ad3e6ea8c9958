import { ELEMENT_GRID, ROW_PX, type Event } from '@heatlens/schema';
import { expect, it } from 'vitest';
import { T0, folded } from './fixtures.js';
import type { Store } from '../types.js';

type Ev = Partial<Event> & { type: Event['type'] };

/**
 * Tile layout v2 as every store must answer it (part of the store contract, run by
 * `describeStore`): columns across the scroll root's width, rows of ROW_PX page px, a fixed layer
 * in viewport space kept apart from the page, and click heat per element per width segment.
 */
export function describeLayout(store: () => Store, fresh: () => string) {
  const snap = (site: string, kind: 'move' | 'click', seg: 'all' | 's' | 'm' | 'l' = 'all') =>
    store().snapshot({ site, page: '/', kind, seg, window: '5m', now: T0 });

  it('rows are page px: a click deep inside an inner scroller lands in its own row', async () => {
    const site = fresh();
    // An app shell scrolling #app (4,000 px of content in a 600 px window): content y 3,320.
    await store().record(folded([{ type: 'click', x: 500, y: 3320, w: 1000, h: 4000 }], { site }));
    const hm = await snap(site, 'click');
    expect(hm).toMatchObject({
      grid: 50,
      rowPx: ROW_PX,
      rows: Math.floor(3320 / ROW_PX) + 1,
      total: 1,
      max: 1,
      fixed: [],
    });
    expect(hm.tiles).toEqual([[25, Math.floor(3320 / ROW_PX), 1]]);
  });

  it('keeps an element in one tile when the page grows below it', async () => {
    const site = fresh();
    // A button at y 400-460, clicked on a 1,000 px page and again after lazy content made it 4,000.
    await store().record(folded([{ type: 'click', x: 300, y: 430, w: 1000, h: 1000 }], { site }));
    await store().record(folded([{ type: 'click', x: 300, y: 430, w: 1000, h: 4000 }], { site, sid: 'later' }));
    const hm = await snap(site, 'click');
    expect(hm.tiles).toEqual([[15, Math.floor(430 / ROW_PX), 2]]);
    expect(hm).toMatchObject({ total: 2, max: 2 });
  });

  it('tiles fixed and sticky targets in viewport space, apart from the page', async () => {
    const site = fresh();
    const vh = 800;
    await store().record(
      folded(
        [
          // The sticky header's cart button, clicked while scrolled to 2,000: page y 2,030, viewport y 30.
          {
            type: 'click',
            x: 1200,
            y: 2030,
            w: 1280,
            h: 6000,
            fixed: true,
            cx: 1200,
            cy: 30,
            vh,
            sel: 'a#cart',
            ex: 0.5,
            ey: 0.5,
          },
          // A chat button 30 px above the bottom edge.
          { type: 'click', x: 1240, y: 2770, w: 1280, h: 6000, fixed: true, cx: 1240, cy: vh - 30, vh },
          // The same chat button at another scroll and in a taller window: the same fixed tile.
          { type: 'click', x: 1240, y: 4970, w: 1280, h: 6000, fixed: true, cx: 1240, cy: 1000 - 30, vh: 1000 },
          // A page click: the only page tile.
          { type: 'click', x: 640, y: 100, w: 1280, h: 6000 },
        ],
        { site, vw: 1280 },
      ),
    );
    const hm = await snap(site, 'click');
    expect(hm.tiles).toEqual([[25, 5, 1]]);
    expect(hm.fixed).toEqual([
      [48, -2, 2],
      [46, 1, 1],
    ]);
    expect(hm).toMatchObject({ total: 4, max: 2, rows: 6 });
  });

  it('places fixed points by the page view height when the event has none, and moves too', async () => {
    const site = fresh();
    await store().record(
      folded(
        [
          { type: 'pageview', vh: 900 },
          { type: 'move', x: 10, y: 3000, w: 390, h: 9000, fixed: true, cx: 10, cy: 885 },
          // Without vh anywhere a point counts from the top: exact for an owner of the same height.
        ],
        { site, vw: 390 },
      ),
    );
    await store().record(
      folded([{ type: 'move', x: 10, y: 3000, w: 390, h: 9000, fixed: true, cx: 10, cy: 45 }], {
        site,
        vw: 390,
        sid: 'v2',
      }),
    );
    const hm = await snap(site, 'move', 's');
    expect(hm.fixed).toEqual([
      [1, -1, 1],
      [1, 2, 1],
    ]);
    expect(hm.tiles).toEqual([]);
  });

  it('keeps fixed points of older SDKs (no viewport coordinates) in the page layer', async () => {
    const site = fresh();
    await store().record(folded([{ type: 'click', x: 500, y: 2030, w: 1000, h: 6000, fixed: true }], { site }));
    const hm = await snap(site, 'click');
    expect(hm.tiles).toEqual([[25, Math.floor(2030 / ROW_PX), 1]]);
    expect(hm.fixed).toEqual([]);
  });

  it('counts clicks per element and where inside it, per width segment', async () => {
    const site = fresh();
    const buy = (ex: number, ey: number): Ev => ({
      type: 'click',
      x: 100,
      y: 100,
      w: 400,
      h: 3000,
      sel: 'button#buy',
      ex,
      ey,
    });
    await store().record(
      folded([buy(0.05, 0.05), buy(0.95, 0.55), { type: 'click', x: 1, y: 1, w: 400, h: 3000, sel: 'a.home' }], {
        site,
        vw: 390,
      }),
    );
    await store().record(
      folded(
        [
          buy(0.05, 0.05),
          { type: 'click', x: 1, y: 1, w: 1400, h: 3000, sel: 'a.home' },
          { type: 'click', x: 2, y: 2, w: 1400, h: 3000, sel: 'a.home' },
        ],
        { site, vw: 1400, sid: 'wide' },
      ),
    );
    const small = await snap(site, 'click', 's');
    expect(small.elements).toEqual([
      {
        sel: 'button#buy',
        count: 2,
        points: [
          [0, 0, 1],
          [ELEMENT_GRID - 1, 5, 1],
        ],
      },
      { sel: 'a.home', count: 1, points: [] },
    ]);
    expect(small.total).toBe(3);
    const all = await snap(site, 'click', 'all');
    expect(all.elements).toEqual([
      { sel: 'a.home', count: 3, points: [] },
      {
        sel: 'button#buy',
        count: 3,
        points: [
          [0, 0, 2],
          [ELEMENT_GRID - 1, 5, 1],
        ],
      },
    ]);
    expect(all.total).toBe(6); // element counts are not added to the tiles' total
    expect((await snap(site, 'click', 'm')).elements).toEqual([]);
    expect((await snap(site, 'move', 'all')).elements).toBeUndefined();
  });

  it('sums an element over every width for all widths, in each window as it ages', async () => {
    const site = fresh();
    // A portfolio tile's caption, clicked 3 times at 1280 px and 3 times at 390 px, a minute apart.
    const caption = (w: number): Ev => ({
      type: 'click',
      x: w / 3,
      y: 900,
      w,
      h: 5000,
      sel: 'div.portfolio-item-caption.d-flex',
      ex: 0.4,
      ey: 0.5,
    });
    const three = (w: number) => [caption(w), caption(w), caption(w)];
    await store().record(folded(three(1280), { site, vw: 1280, sid: 'desk' }));
    await store().record(folded(three(390), { site, vw: 390, sid: 'phone', now: T0 + 60_000 }));
    const read = (seg: 'all' | 's' | 'l', window: '5m' | '1h', now: number) =>
      store().snapshot({ site, page: '/', kind: 'click', seg, window, now });
    const sel = 'div.portfolio-item-caption.d-flex';
    const of = (n: number) => [{ sel, count: n, points: [[4, 5, n]] }];
    for (let t = T0; t <= T0 + 7 * 60_000; t += 30_000) {
      await store().sweep(site, t);
      const now = Math.max(t, T0 + 60_000);
      if (t === T0 + 2 * 60_000 || t === T0 + 7 * 60_000) {
        const live = t === T0 + 2 * 60_000;
        expect((await read('l', '5m', now)).elements, `l ${t - T0}`).toEqual(live ? of(3) : []);
        expect((await read('s', '5m', now)).elements, `s ${t - T0}`).toEqual(live ? of(3) : []);
        expect((await read('all', '5m', now)).elements, `all ${t - T0}`).toEqual(live ? of(6) : []);
        expect((await read('all', '1h', now)).elements, `all 1h ${t - T0}`).toEqual(of(6));
      }
    }
  });
}
