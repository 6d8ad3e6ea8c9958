import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config.js';
import { startCollector, type Collector } from '../server.js';
import { batch, get, openLive, post } from '@heatlens/testkit/collector';
import { startWebhookReceiver, type Answer, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';

// Alerts end to end in one collector (memory store) with an injected clock: the rules fire on
// posted batches, a local receiver gets each notice once, the window moving on resolves it, and
// a webhook that fails or hangs is retried without holding up ingest.

let seq = 0;
/** A batch of one visitor of its own at `path`, sent at `now`, with `n` copies of `event`. */
const visit = (site: string, path: string, now: number, n: number, event: Record<string, unknown>) =>
  batch(
    { site, path, sid: `s${++seq}`, sent: now },
    Array.from({ length: n }, () => event),
  );
const clicks = (
  site: string,
  path: string,
  now: number,
  n: number,
  flags: { rage?: true; dead?: true },
  sel = '#pay',
) => visit(site, path, now, n, { type: 'click', ts: now, x: 10, y: 10, w: 1280, h: 3000, sel, ...flags });
const events = (site: string, path: string, now: number, n: number, ago = 0) =>
  visit(site, path, now, n, { type: 'move', ts: now - ago, x: 10, y: 10, w: 1280, h: 3000 });

// A webhook that answers after the attempt's timeout got the notice all the same, and the retry
// sends it again: the hanging tests cut attempts at 200 ms, the others give a loaded machine 5 s.
async function start(answer: (n: number) => Answer, alerts: SiteConfig['alerts'] = {}, timeoutMs = 5000) {
  const receiver = await startWebhookReceiver(answer);
  let offset = 0;
  const sites: SiteConfig[] = [
    {
      id: 'shop',
      origins: ['https://shop.example'],
      readToken: 'shop-read-token-0123456789',
      alerts: { webhook: receiver.url, allowPrivateWebhook: true, ...alerts },
    },
    {
      id: 'blog',
      origins: ['https://blog.example'],
      readToken: 'blog-read-token-0123456789',
      alerts: { webhook: receiver.url, allowPrivateWebhook: true, quiet: { min: 10 } },
    },
  ];
  const collector = await startCollector({
    port: 0,
    logLevel: 'silent',
    sites,
    rateLimits: false,
    now: () => Date.now() + offset,
    alerts: { evalMs: 50, timeoutMs, retries: 3, backoffMs: 20, publicUrl: 'https://heatlens.example' },
  });
  return { receiver, collector, now: () => Date.now() + offset, skip: (ms: number) => (offset += ms) };
}

describe('alerts on one collector', () => {
  let t: Awaited<ReturnType<typeof start>>;
  let c: Collector;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await start(() => 'ok', { cooldownMs: 1000 });
    ({ collector: c, receiver } = t);
  });
  afterAll(async () => {
    await c.close();
    await receiver.close();
  });

  it('fires once on rage clicks, shows it to the dashboard, and resolves once when the window moves on', async () => {
    const live = await openLive(c.url, 'site=shop&window=5m', 'shop-read-token-0123456789');
    expect(
      (await post(c.url, clicks('shop', '/cart', t.now(), 4, { rage: true }), 'https://shop.example')).status,
    ).toBe(204);
    await post(c.url, clicks('shop', '/cart', t.now(), 1, {}), 'https://shop.example');
    for (let i = 0; i < 3; i++) await c.alerts.tick();
    expect(receiver.received).toEqual([]); // 4 rage clicks: under the default 5
    await post(c.url, clicks('shop', '/cart', t.now(), 2, { rage: true }), 'https://shop.example');
    await receiver.until(() => receiver.received.length > 0);
    for (let i = 0; i < 5; i++) await c.alerts.tick();
    expect(receiver.received).toHaveLength(1);
    const firing = receiver.received[0]!;
    expect(firing).toMatchObject({
      id: 'rage|/cart|#pay',
      site: 'shop',
      page: '/cart',
      rule: 'rage',
      state: 'firing',
      element: '#pay',
      figures: { count: 6, clicks: 7, share: 0.86, usual: 0 },
      window: { ms: 300_000 },
      link: 'https://heatlens.example/#site=shop&path=%2Fcart',
    });
    expect(firing.text).toBe(
      '[heatlens shop] rage clicks on #pay at /cart: 6 of 7 clicks (86 %) in the last 5 min https://heatlens.example/#site=shop&path=%2Fcart',
    );
    const shown = await live.next((f) => f.type === 'pages' && f.alerts?.firing.length === 1);
    expect(shown.alerts.firing[0]).toMatchObject({ id: 'rage|/cart|#pay', state: 'firing' });

    t.skip(300_000);
    await receiver.until(() => receiver.received.length > 1);
    for (let i = 0; i < 5; i++) await c.alerts.tick();
    expect(receiver.received.map((a) => [a.id, a.state, a.figures.count])).toEqual([
      ['rage|/cart|#pay', 'firing', 6],
      ['rage|/cart|#pay', 'resolved', 0],
    ]);
    expect(receiver.received[1]!.text).toMatch(
      /^\[heatlens shop\] Resolved: rage clicks on #pay at \/cart: 0 of 0 clicks/,
    );
    const after = await live.next(
      (f) => f.type === 'pages' && f.alerts?.firing.length === 0 && f.alerts.recent.length === 2,
    );
    expect(after.alerts.recent.map((a: { state: string }) => a.state)).toEqual(['resolved', 'firing']);
    live.ws.close();

    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toMatch(/heatlens_alerts_fired_total\{rule="rage"\} 1/);
    expect(metrics).toMatch(/heatlens_alerts_resolved_total\{rule="rage"\} 1/);
    expect(metrics).toMatch(/heatlens_alert_deliveries_total\{outcome="delivered",rule="rage"\} 2/);
  });

  it('fires dead clicks per element, apart from other elements of the page', async () => {
    const before = receiver.received.length;
    await post(c.url, clicks('shop', '/', t.now(), 5, { dead: true }, 'button.coupon'), 'https://shop.example');
    await post(c.url, clicks('shop', '/', t.now(), 3, { dead: true }, 'a.home'), 'https://shop.example');
    await receiver.until(() => receiver.received.length > before);
    for (let i = 0; i < 3; i++) await c.alerts.tick();
    expect(receiver.received.slice(before).map((a) => [a.rule, a.page, a.element, a.figures.count])).toEqual([
      ['dead', '/', 'button.coupon', 5],
    ]);
  });

  it('fires quiet on a page whose steady traffic stopped', async () => {
    const before = receiver.received.length;
    // 220 events half an hour ago: 20 per 5 minutes is the page's usual; none now.
    await post(c.url, events('blog', '/post', t.now(), 220, 30 * 60_000), 'https://blog.example');
    await receiver.until(() => receiver.received.length > before);
    expect(receiver.received.slice(before)).toMatchObject([
      { site: 'blog', page: '/post', rule: 'quiet', state: 'firing', element: null, figures: { events: 0, usual: 20 } },
    ]);
    await post(c.url, events('blog', '/post', t.now(), 15), 'https://blog.example'); // traffic is back
    await receiver.until(() => receiver.received.length > before + 1);
    expect(receiver.received.slice(before + 1)).toMatchObject([
      { page: '/post', rule: 'quiet', state: 'resolved', figures: { events: 15 } },
    ]);
  });

  it('never shows the webhook URL in read answers or live frames', async () => {
    const sites = await (await get(c.url, '/api/sites', 'shop-read-token-0123456789')).text();
    expect(JSON.parse(sites).sites[0]).toEqual({
      id: 'shop',
      origins: ['https://shop.example'],
      routes: [],
      masks: [],
      retentionDays: 30,
    });
    const pages = await (await get(c.url, '/api/pages?site=shop&window=5m', 'shop-read-token-0123456789')).text();
    const live = await openLive(c.url, 'site=shop&window=5m', 'shop-read-token-0123456789');
    const frame = await live.next((f) => f.type === 'pages');
    live.ws.close();
    for (const s of [sites, pages, JSON.stringify(frame)]) expect(s).not.toContain('secret-path');
  });

  it('checks alerts when sites are replaced at runtime, naming the field and keeping the sites in force', () => {
    const next = c.sites.map((s) => ({ ...s, alerts: { ...s.alerts, dead: { share: 2 } } }));
    expect(() => c.updateSites(next)).toThrow(new TypeError('sites[0].alerts.dead.share must be a number from 0 to 1'));
    expect(c.sites[0]!.alerts?.dead).toBeUndefined();
  });
});

describe('alerts with a failing webhook', () => {
  it('retries a webhook that answers 500 and one that hangs, and answers batches meanwhile', async () => {
    // Requests 1-2 hang past the timeout, 3 answers 500, then the webhook works.
    const t = await start((n) => (n <= 2 ? 'hang' : n === 3 ? 500 : 'ok'), {}, 200);
    try {
      await post(t.collector.url, clicks('shop', '/cart', t.now(), 6, { rage: true }), 'https://shop.example');
      await t.receiver.until(() => t.receiver.requests() >= 1);
      // The webhook holds the first notice: ingest goes on.
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          post(t.collector.url, events('shop', '/', t.now(), 5), 'https://shop.example'),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(204));
      expect(t.collector.alerts.pending()).toBe(1);
      await t.receiver.until(() => t.receiver.received.length >= 1, 10_000);
      // Two attempts cut at the timeout, one 500, then accepted (a 4th answer slower than 200 ms
      // on a loaded machine would be sent once more: the same notice).
      expect(t.receiver.requests()).toBeGreaterThanOrEqual(4);
      expect(new Set(t.receiver.received.map((a) => `${a.id} ${a.state} ${a.at}`))).toEqual(
        new Set(['rage|/cart|#pay firing ' + t.receiver.received[0]!.at]),
      );
      const metrics = await (await fetch(`${t.collector.url}/metrics`)).text();
      expect(metrics).toMatch(/heatlens_alert_deliveries_total\{outcome="delivered",rule="rage"\} 1/);
    } finally {
      await t.collector.close();
      await t.receiver.close();
    }
  });

  it('counts a notice whose every attempt failed', async () => {
    const t = await start(() => 503);
    try {
      await post(t.collector.url, clicks('shop', '/cart', t.now(), 6, { dead: true }), 'https://shop.example');
      await t.receiver.until(() => t.receiver.requests() >= 4);
      await new Promise((r) => setTimeout(r, 100));
      expect(t.receiver.requests()).toBe(4); // the first attempt and 3 retries, then no more
      const metrics = await (await fetch(`${t.collector.url}/metrics`)).text();
      expect(metrics).toMatch(/heatlens_alert_deliveries_total\{outcome="failed",rule="dead"\} 1/);
    } finally {
      await t.collector.close();
      await t.receiver.close();
    }
  });
});
