import type { CaptureInfo, Heatmap } from '@heatlens/schema';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvFilename, heatmapCsv, namesFromCaptures } from './heatmap-csv.js';

const map: Heatmap = {
  site: 'shop',
  path: '/product/:id',
  kind: 'click',
  seg: 'all',
  windowMs: 300_000,
  from: 0,
  to: 300_000,
  grid: 50,
  rowPx: 20,
  rows: 3,
  total: 9,
  max: 4,
  tiles: [
    [0, 0, 4],
    [3, 2, 1],
  ],
  fixed: [[49, -1, 2]],
  elements: [
    { sel: 'button#buy', count: 3, points: [] },
    { sel: 'a.x', count: 1, points: [] },
    { sel: 'td', count: 2, points: [] },
  ],
};

/** Undo `csvCell`'s formula guard: the `'` it added before a formula-like start. */
const unguard = (s: string) => s.replace(/^'(?=[=+\-@\t\r])/, '');

describe('heatmap CSV', () => {
  it('escapes cells per RFC 4180 and guards formula-like text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(f).replace(/^"|"$/g, '').startsWith(`'${f[0]}`)).toBe(true);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(-3)).toBe('-3');
  });

  it('parses back to the map it was made from, names from the newest capture that has one', () => {
    const captures = [
      { seg: 'l', elements: [{ sel: 'button#buy', name: '=cmd|" /C calc"!A0, "now"', box: [0, 0, 1, 1] }] },
      {
        seg: 's',
        elements: [
          { sel: 'button#buy', name: 'older', box: [0, 0, 1, 1] },
          { sel: 'a.x', name: '' },
        ],
      },
      { seg: 'm', elements: [{ sel: 'a.x', name: 'Home\r\nlink', box: [0, 0, 1, 1] }] },
    ] as unknown as CaptureInfo[];
    const csv = heatmapCsv(map, namesFromCaptures(captures, 'all'));
    const [tiles, elements] = csv.split('\r\n\r\n').map((t) => parse(t) as string[][]);
    expect(tiles![0]).toEqual(['layer', 'tx', 'ty', 'count']);
    const back = tiles!.slice(1).map(([layer, ...n]) => [layer, ...n.map(Number)]);
    expect(back).toEqual([...map.tiles.map((t) => ['page', ...t]), ...map.fixed.map((t) => ['fixed', ...t])]);
    expect(elements![0]).toEqual(['selector', 'name', 'count']);
    expect(elements!.slice(1).map(([sel, name, n]) => [unguard(sel!), unguard(name!), Number(n)])).toEqual([
      ['button#buy', '=cmd|" /C calc"!A0, "now"', 3],
      ['a.x', 'Home\r\nlink', 1],
      ['td', '', 2],
    ]);
    expect(elements![1]![1]!.startsWith("'=")).toBe(true);
    // one segment: only its captures name
    expect([...namesFromCaptures(captures, 's')]).toEqual([['button#buy', 'older']]);
  });

  it('writes both tables for maps without elements', () => {
    expect(heatmapCsv({ ...map, kind: 'move', tiles: [], fixed: [], elements: undefined }, new Map())).toBe(
      'layer,tx,ty,count\r\n\r\nselector,name,count\r\n',
    );
  });

  it('names the download with safe characters only', () => {
    expect(csvFilename({ ...map, path: '/a "b"/../c;d' }, '24h')).toBe('heatlens-shop-a_b_c_d-click-all-24h.csv');
    expect(csvFilename({ ...map, path: '/' }, '5m')).toBe('heatlens-shop-root-click-all-5m.csv');
  });
});
