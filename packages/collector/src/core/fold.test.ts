import { ROW_PX, type Batch, type Event, MAX_URL } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { TOTAL, member } from './counters.js';
import { foldBatch, type FoldedBatch } from './fold.js';
import { COUNTER_SET, HEAT_SETS } from './set-names.js';
import { elementMember, fixedMember, tileMember } from './tile-members.js';
import { BASE_BUCKET_MS, MAX_RETENTION_MS, bucketOf } from './windows.js';
import { MAX_MEMBER_CHARS } from './limits.js';
// Engaged time has its own file: fold-engaged.test.ts.
const NOW = Date.UTC(2026, 0, 1, 12, 0, 2); // 2 s into a 5 s bucket
const GRID = 50;

function fold(events: Event[], o: { sent?: number; vw?: number; now?: number } = {}): FoldedBatch {
  const batch: Batch = {
    v: 1,
    id: 'b1',
    site: 'shop',
    sid: 's1',
    path: '/p',
    vw: o.vw ?? 1000,
    sent: o.sent ?? NOW,
    events,
  };
  return foldBatch(batch, '/p', o.now ?? NOW, GRID);
}

/** Summed increments per `set|member` (bucket ignored). */
function sums(f: FoldedBatch, set?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of f.items) if (!set || i.set === set) out[i.member] = (out[i.member] ?? 0) + i.n;
  return out;
}

const move = (x: number, y: number, extra: Partial<Extract<Event, { type: 'move' }>> = {}): Event => ({
  type: 'move',
  ts: NOW,
  x,
  y,
  w: 1000,
  h: 5000,
  ...extra,
});

describe('foldBatch', () => {
  it('tiles points as columns across the scroll root and fixed-height rows, coalescing equal tiles', () => {
    const f = fold([move(0, 0), move(19, 19), move(999, 3 * ROW_PX + 1), move(500, 100_000_000)]);
    const tiles = sums(f, HEAT_SETS.move);
    expect(tiles[tileMember(0, 0)]).toBe(2);
    expect(tiles[tileMember(49, 3)]).toBe(1);
    // A column is w / GRID wide: x = 500 of 1000 is column 25.
    expect(Object.keys(tiles).some((m) => m.startsWith('25:'))).toBe(true);
    expect(f.items.filter((i) => i.set === HEAT_SETS.move && i.member === tileMember(0, 0))).toHaveLength(1);
    expect(f.seg).toBe('m');
    expect(f.accepted).toBe(4);
  });

  it('puts points over fixed boxes in the fixed layer, rows from the nearer viewport edge', () => {
    const f = fold([
      { type: 'pageview', ts: NOW, vh: 800 },
      move(10, 4000, { fixed: true, cx: 10, cy: 5 }),
      move(990, 4000, { fixed: true, cx: 990, cy: 795 }),
      // Older SDKs send no viewport point: the page point stands.
      move(10, 4000, { fixed: true }),
    ]);
    const tiles = sums(f, HEAT_SETS.move);
    expect(tiles[fixedMember(0, 0)]).toBe(1);
    expect(tiles[fixedMember(49, -1)]).toBe(1);
    expect(tiles[tileMember(0, 4000 / ROW_PX)]).toBe(1);
  });

  it('counts clicks per tile, per element cell, and in the page counters', () => {
    const f = fold([
      { type: 'click', ts: NOW, x: 100, y: 40, w: 1000, h: 5000, sel: '#buy', ex: 0.05, ey: 0.95, rage: true },
      { type: 'click', ts: NOW, x: 100, y: 40, w: 1000, h: 5000, dead: true },
      { type: 'pageview', ts: NOW, vh: 800 },
      { type: 'download', ts: NOW, url: 'https://shop.example/c.pdf' },
    ]);
    expect(sums(f, HEAT_SETS.click)).toEqual({ [tileMember(5, 2)]: 2, [elementMember('#buy', 0.05, 0.95)]: 1 });
    expect(sums(f, COUNTER_SET)).toEqual({
      [TOTAL.events]: 4,
      [TOTAL.views]: 1,
      [member('ref', '(direct)')]: 1, // a page view with no referrer (sources.ts)
      [TOTAL.clicks]: 2,
      [TOTAL.rage]: 1,
      [TOTAL.dead]: 1,
      [member('sel', '#buy')]: 1,
      [member('rsel', '#buy')]: 1,
      [member('dl', 'https://shop.example/c.pdf')]: 1,
    });
  });

  it('maps client time to the server clock by the batch send time, the future clamped to now', () => {
    // The client clock is an hour fast; the event happened 7 s before the batch was sent.
    const skew = 3_600_000;
    const f = fold(
      [
        { type: 'custom', ts: NOW + skew - 7_000, name: 'x' },
        { type: 'custom', ts: NOW + 2 * skew, name: 'y' },
        { type: 'custom', ts: Number.NaN, name: 'z' },
      ],
      {
        sent: NOW + skew,
      },
    );
    const bucketOfName = (name: string) => f.items.find((i) => i.member === member('cu', name))!.b;
    expect(bucketOfName('x')).toBe(bucketOf(NOW - 7_000, BASE_BUCKET_MS));
    expect(bucketOfName('y')).toBe(bucketOf(NOW, BASE_BUCKET_MS));
    expect(bucketOfName('z')).toBe(bucketOf(NOW, BASE_BUCKET_MS));
    expect([...f.buckets]).toEqual([
      [bucketOf(NOW - 7_000, BASE_BUCKET_MS), 1],
      [bucketOf(NOW, BASE_BUCKET_MS), 2],
    ]);
  });

  it('drops events older than the longest retention and counts them', () => {
    const f = fold([
      { type: 'custom', ts: NOW - MAX_RETENTION_MS - 1, name: 'old' },
      { type: 'custom', ts: NOW - MAX_RETENTION_MS + 1, name: 'kept' },
    ]);
    expect([f.accepted, f.tooOld]).toEqual([1, 1]);
    expect(sums(f, COUNTER_SET)).toEqual({ [TOTAL.events]: 1, [member('cu', 'kept')]: 1 });
  });

  it('keeps only the deepest scroll band of the batch, with its bucket', () => {
    const f = fold([
      { type: 'scroll', ts: NOW - 10_000, depth: 90 },
      { type: 'scroll', ts: NOW, depth: 40 },
    ]);
    expect(f.scroll).toEqual({ b: bucketOf(NOW - 10_000, BASE_BUCKET_MS), band: 45 });
    expect(fold([move(0, 0)]).scroll).toBeUndefined();
  });
});

const nowUrl = 1_800_000_000_000;
const urlBatch = (events: Event[]): Batch => ({
  v: 1,
  id: 'b1',
  site: 'shop',
  sid: 's1',
  path: '/',
  vw: 1000,
  sent: nowUrl,
  events,
});
const counters = (events: Event[]) =>
  foldBatch(urlBatch(events), '/', nowUrl, 50)
    .items.filter((i) => i.set == 'c')
    .map((i) => i.member);

describe('foldBatch: URL-like fields', () => {
  it('stores URLs normalised by the schema whatever the SDK sent: data: content, javascript:, long URLs', () => {
    const long = 'https://cdn.test/' + 'a'.repeat(1500);
    const m = counters([
      { type: 'download', ts: nowUrl, url: 'data:text/csv,name%2Cemail' },
      { type: 'download', ts: nowUrl, url: 'blob:https://shop.test/report%202024.csv' },
      { type: 'outbound', ts: nowUrl, url: 'javascript:alert(1)' },
      { type: 'image_view', ts: nowUrl, src: long },
      { type: 'media', ts: nowUrl, kind: 'video', action: 'play', src: 'DATA:video/MP4;base64,AAAA' },
    ]);
    expect(m).toContain('dl:data:text/csv');
    expect(m).toContain('dl:blob:https://shop.test/report%202024.csv');
    expect(m).toContain('out:');
    const img = m.find((x) => x.startsWith('img:'))!;
    // URL members keep up to MAX_URL characters (a longer one is cut with a hash of the whole: counters.ts).
    expect(img.length - 4).toBeLessThanOrEqual(MAX_URL);
    expect(img.length - 4).toBeGreaterThan(MAX_MEMBER_CHARS);
    expect(img.startsWith('img:https://cdn.test/aaa')).toBe(true);
    expect(m).toContain('m:video:play:data:video/mp4');
  });
});
