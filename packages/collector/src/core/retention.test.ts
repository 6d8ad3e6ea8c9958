import { describe, expect, it } from 'vitest';
import { validateSites } from '../config.js';
import { HttpError } from '../edge/respond.js';
import { readQuery } from '../edge/query.js';
import { checkWindowKept } from '../edge/window-kept.js';
import { levelsFor, retentionDaysOf, retentionMs } from './retention.js';

const site = { id: 'shop', origins: ['https://shop.example'], readToken: 'shop-read-token-0123456789' };
const DAY = 86_400_000;

describe('retentionDays in the sites file', () => {
  it('is checked at start with an error naming the site and the field', () => {
    for (const bad of [0, 401, 30.5, '90', null, -1]) {
      expect(() => validateSites([site, { ...site, id: 'blog', retentionDays: bad }]), String(bad)).toThrow(
        new TypeError(
          `sites[1].retentionDays (site "blog") must be an integer from 1 to 400 (days), got ${JSON.stringify(bad)}`,
        ),
      );
    }
  });

  it('accepts 1 to 400 and defaults to 30', () => {
    const ok: Array<typeof site & { retentionDays?: number }> = [
      { ...site, retentionDays: 1 },
      { ...site, id: 'b', retentionDays: 400 },
      { ...site, id: 'c' },
    ];
    expect(validateSites(ok)).toBe(ok);
    expect(ok.map(retentionDaysOf)).toEqual([1, 400, 30]);
  });
});

describe('the windows a retention keeps', () => {
  it('keeps every window no longer than it', () => {
    const names = (days: number) => levelsFor(days).map((w) => w.name);
    expect(names(1)).toEqual(['5m', '1h', '24h']);
    expect(names(30)).toEqual(['5m', '1h', '24h', '30d']);
    expect(names(89)).toEqual(['5m', '1h', '24h', '30d']);
    expect(names(90)).toEqual(['5m', '1h', '24h', '30d', '90d']);
    expect(names(400)).toEqual(['5m', '1h', '24h', '30d', '90d', '365d']);
    expect([retentionMs(30), retentionMs(120), retentionMs(400)]).toEqual([30 * DAY, 90 * DAY, 365 * DAY]);
  });

  it('answers a window past it with a 400 naming retentionDays and the value', () => {
    const refusal = (days: number | undefined, window: '90d' | '365d') => {
      try {
        readQuery(new URLSearchParams(`window=${window}`), { id: 'shop', retentionDays: days });
      } catch (e) {
        if (e instanceof HttpError) return `${e.status} ${e.message}`;
        throw e;
      }
      return 'ok';
    };
    expect(refusal(undefined, '90d')).toBe(
      '400 window: 90d is past the retention of site shop (retentionDays: 30); it keeps 5m, 1h, 24h, 30d',
    );
    expect(refusal(100, '90d')).toBe('ok');
    expect(refusal(100, '365d')).toMatch(/^400 window: 365d .*\(retentionDays: 100\)/);
    expect(refusal(400, '365d')).toBe('ok');
    expect(() => checkWindowKept({ id: 'x', retentionDays: 7 }, '30d')).toThrow(/retentionDays: 7/);
  });
});
