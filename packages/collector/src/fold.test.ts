import { MAX_URL, type Batch, type Event } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { foldBatch } from './fold.js';
import { MAX_MEMBER_CHARS } from './store/limits.js';

const now = 1_800_000_000_000;
const batch = (events: Event[]): Batch => ({ v: 1, id: 'b1', site: 'shop', sid: 's1', path: '/', vw: 1000, sent: now, events });
const counters = (events: Event[]) => foldBatch(batch(events), '/', now, 50).items.filter((i) => i.set == 'c').map((i) => i.member);

describe('foldBatch: URL-like fields', () => {
  it('stores URLs normalised by the schema whatever the SDK sent: data: content, javascript:, long URLs', () => {
    const long = 'https://cdn.test/' + 'a'.repeat(1500);
    const m = counters([
      { type: 'download', ts: now, url: 'data:text/csv,name%2Cemail' },
      { type: 'download', ts: now, url: 'blob:https://shop.test/report%202024.csv' },
      { type: 'outbound', ts: now, url: 'javascript:alert(1)' },
      { type: 'image_view', ts: now, src: long },
      { type: 'media', ts: now, kind: 'video', action: 'play', src: 'DATA:video/MP4;base64,AAAA' },
    ]);
    expect(m).toContain('dl:data:text/csv');
    expect(m).toContain('dl:blob:https://shop.test/report%202024.csv');
    expect(m).toContain('out:');
    const img = m.find((x) => x.startsWith('img:'))!;
    expect(img.length - 4).toBeLessThanOrEqual(Math.min(MAX_URL, MAX_MEMBER_CHARS));
    expect(img.startsWith('img:https://cdn.test/aaa')).toBe(true);
    expect(m).toContain('m:video:play:data:video/mp4');
  });
});
