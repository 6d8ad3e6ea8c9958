import { describe, expect, it } from 'vitest';
import { SITE_PAGE } from './evaluate.js';
import { LIVE_WINDOW_MS, buildNotice } from './notice.js';

const NOW = 1_700_000_000_000;
const rage = {
  id: 'rage|/product/:id|#buy',
  rule: 'rage' as const,
  page: '/product/:id',
  element: '#buy',
  figures: { count: 6, clicks: 8, share: 0.75 },
};

describe('buildNotice', () => {
  it('says what fired, where, with figures and a link that opens the page in the dashboard', () => {
    const n = buildNotice('shop', rage, 'firing', NOW, 'https://stats.example/');
    expect(n.link).toBe('https://stats.example/#site=shop&path=%2Fproduct%2F%3Aid');
    expect(n.text).toBe(
      `[heatlens shop] rage clicks on #buy at /product/:id: 6 of 8 clicks (75 %) in the last 5 min ${n.link}`,
    );
    expect(n).toMatchObject({
      id: rage.id,
      site: 'shop',
      state: 'firing',
      at: NOW,
      window: { ms: LIVE_WINDOW_MS, from: NOW - LIVE_WINDOW_MS, to: NOW },
    });
  });

  it('marks a resolved notice, and links a site-wide alert to the site', () => {
    const quiet = {
      id: 'quiet|*|',
      rule: 'quiet' as const,
      page: SITE_PAGE,
      element: null,
      figures: { events: 0, usual: 120 },
    };
    const n = buildNotice('shop', quiet, 'resolved', NOW, 'http://127.0.0.1:8080');
    expect(n.text).toBe(
      '[heatlens shop] Resolved: the whole site went quiet: 0 events in the last 5 min, usually 120 http://127.0.0.1:8080/#site=shop',
    );
  });

  it('describes a spike', () => {
    const spike = {
      id: 'spike|/|',
      rule: 'spike' as const,
      page: '/',
      element: null,
      figures: { events: 900, usual: 30 },
    };
    expect(buildNotice('blog', spike, 'firing', NOW, 'http://h').text).toBe(
      '[heatlens blog] traffic spike on /: 900 events in the last 5 min, usually 30 http://h/#site=blog&path=%2F',
    );
  });
});
