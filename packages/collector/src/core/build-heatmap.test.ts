import { MAX_ELEMENTS, ROW_PX } from '@heatlens/schema';
import { parseLiveMessage } from '@heatlens/schema/parse-live';
import { describe, expect, it } from 'vitest';
import { emptyStats } from '@heatlens/testkit/snapshot';
import { buildHeatmap } from './build-heatmap.js';
import { elementMember, fixedMember, parseTileMember, tileMember } from './tile-members.js';

const q = { site: 's', page: '/', seg: 'all' as const, grid: 50 };
const raw = (members: Array<[string, number]>) => ({ from: 0, to: 1, windowMs: 1, members });

describe('tile members', () => {
  it('round-trip each layer, selectors with colons included', () => {
    expect(parseTileMember(tileMember(3, 4999))).toEqual({ layer: 'page', tx: 3, ty: 4999 });
    expect(parseTileMember(fixedMember(49, -3))).toEqual({ layer: 'fixed', tx: 49, ty: -3 });
    expect(elementMember('a:nth-child(2)', 0.99, 0)).toBe('e:90:a:nth-child(2)');
    expect(parseTileMember('e:90:a:nth-child(2)')).toEqual({ layer: 'element', sel: 'a:nth-child(2)', cx: 9, cy: 0 });
    expect(parseTileMember(elementMember('#x', undefined, 0.5))).toEqual({
      layer: 'element',
      sel: '#x',
      cx: undefined,
      cy: undefined,
    });
  });

  it.each([
    '',
    ':',
    '1',
    '1:',
    ':2',
    'a:b',
    '1:-2',
    '-1:2',
    'f:1',
    'f:x:1',
    'e:',
    'e:5:',
    'e:100:#x',
    'e:-1:#x',
    '1.5:2',
    '1e3:2',
    '99999999999:1',
  ])('reject %j, which this layout never writes', (m) => expect(parseTileMember(m)).toBeUndefined());
});

describe('buildHeatmap', () => {
  it('splits layers, counts rows in use and the max over page and fixed tiles', () => {
    const hm = buildHeatmap(
      { ...q, kind: 'click' },
      raw([
        ['1:7', 2],
        ['f:0:-1', 5],
        ['0:2', 1],
        ['f:3:0', 1],
        ['e:0:#a', 4],
        ['junk', 9],
        ['2:2', 0],
      ]),
    );
    expect(hm).toMatchObject({ rowPx: ROW_PX, rows: 8, total: 9, max: 5 });
    expect(hm.tiles).toEqual([
      [0, 2, 1],
      [1, 7, 2],
    ]);
    expect(hm.fixed).toEqual([
      [0, -1, 5],
      [3, 0, 1],
    ]);
    expect(hm.elements).toEqual([{ sel: '#a', count: 4, points: [[0, 0, 4]] }]);
  });

  it('lists the MAX_ELEMENTS most clicked elements, ties by selector', () => {
    const members: Array<[string, number]> = [];
    for (let i = 0; i < MAX_ELEMENTS + 5; i++) members.push([`e::#el${String(i).padStart(2, '0')}`, 1 + (i % 3)]);
    const els = buildHeatmap({ ...q, kind: 'click' }, raw(members)).elements!;
    expect(els).toHaveLength(MAX_ELEMENTS);
    expect(els.slice(0, 3).map((e) => [e.sel, e.count])).toEqual([
      ['#el02', 3],
      ['#el05', 3],
      ['#el08', 3],
    ]);
    expect(els.every((e, i) => i === 0 || els[i - 1]!.count >= e.count)).toBe(true);
  });

  it('answers an empty window with zero rows and, for clicks, no elements', () => {
    const hm = buildHeatmap({ ...q, kind: 'click' }, raw([]));
    expect(hm).toMatchObject({ rows: 0, total: 0, max: 0, tiles: [], fixed: [], elements: [] });
    expect(buildHeatmap({ ...q, kind: 'move' }, raw([['e::#a', 1]])).elements).toBeUndefined();
  });

  it('builds snapshots a /live client accepts', () => {
    const stats = emptyStats({
      site: 's',
      windowMs: 1,
      to: 1,
      sources: { referrers: [['(direct)', 1]], languages: [], timeZones: [], regions: [], screens: [] },
    });
    for (const kind of ['move', 'click', 'scroll'] as const) {
      const hm = buildHeatmap(
        { ...q, kind },
        raw(
          kind === 'scroll'
            ? [
                ['0', 1],
                ['5', -1],
              ]
            : [
                ['1:7', 2],
                ['f:0:-1', 5],
                ['e:11:#a', 4],
              ],
        ),
      );
      const r = parseLiveMessage(JSON.stringify({ type: 'snapshot', ...hm, stats }));
      expect(r).toMatchObject({ ok: true });
    }
  });
});
