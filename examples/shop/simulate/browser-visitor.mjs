import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Drive one planned visitor through the real shop in a fresh browser context (its own
 * sessionStorage, so its own visitor session), with real mouse moves, scrolling, clicks, form
 * filling and media playback; the SDK on each page does the measuring (the browser's proxy,
 * see recording-proxy.mjs, counts what it sends). Outbound links are aborted: the machine may
 * have no internet.
 * @param {import('playwright-core').Browser} browser
 * @param {import('./plan-visitor.mjs').Visitor} visitor
 * @param {{shopUrl: string, speed?: number}} opts
 *   `speed` default 4: dwell times are divided by it
 */
export async function browseVisitor(browser, visitor, { shopUrl, speed = 4 }) {
  // The visitor's language and time zone as the browser reports them (navigator.language, Intl).
  const context = await browser.newContext({
    viewport: { width: visitor.vw, height: visitor.vh },
    screen: { width: visitor.sw, height: visitor.sh },
    locale: visitor.lang,
    timezoneId: visitor.tz,
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const page = await context.newPage();
  // A step that fails (an element missing, a navigation timing out) is reported and the visit goes
  // on: one broken page must not end the run, nor pass unnoticed.
  const safe = (p) => p.catch((err) => console.error(`  a visitor's step on ${page.url()} failed: ${err.message}`));
  try {
    for (const visit of visitor.visits) {
      const spa = visit.path.startsWith('/app/') && page.url().includes('/app');
      if (spa) await safe(page.click(`#spa-nav a[href="${visit.path}"]`, { timeout: 2000 }));
      else if (!page.url().endsWith(visit.path) || visit.path === '/') {
        // The first page from the visitor's referrer (a browser sends only http(s) ones), later ones from
        // the previous page.
        const ref = visit.events[0]?.ref;
        const referer = ref?.startsWith('/') ? shopUrl + ref : /^https?:/.test(ref ?? '') ? ref : undefined;
        await safe(page.goto(shopUrl + visit.path, { waitUntil: 'load', referer }));
      }
      const dwell = visit.dwellMs / speed;
      const started = Date.now();
      const types = new Set(visit.events.map((e) => e.type));
      // Cursor: the planned moves, in viewport coordinates.
      for (const m of visit.events.filter((e) => e.type === 'move').slice(0, 12)) {
        await safe(
          page.mouse.move(Math.min(visitor.vw - 1, m.x), Math.min(visitor.vh - 1, m.y % visitor.vh), { steps: 3 }),
        );
      }
      const depth = Math.max(0, ...visit.events.filter((e) => e.type === 'scroll').map((e) => e.depth));
      await safe(
        page.evaluate(async (d) => {
          const h = document.documentElement.scrollHeight - innerHeight;
          for (let i = 1; i <= 5; i++) {
            scrollTo(0, (h * d * i) / 500);
            await new Promise((r) => setTimeout(r, 250));
          }
        }, depth),
      );
      if (types.has('image_view')) await sleep(1200); // images count after a second in view
      for (const e of visit.events.filter((x) => x.type === 'click' && x.dead))
        await safe(page.click(e.sel, { timeout: 1000 }));
      if (visit.events.some((e) => e.type === 'custom' && e.name === 'add_to_cart'))
        await safe(page.click('#add-to-cart', { timeout: 1000 }));
      if (types.has('download'))
        await safe(page.click(visit.path === '/' ? '#download-catalogue' : '#media-download', { timeout: 1000 }));
      if (types.has('media')) {
        await safe(
          page.evaluate(async () => {
            const v = document.querySelector('video');
            if (!v) return;
            v.muted = true;
            v.playbackRate = 4;
            await v.play();
            await new Promise((r) => v.addEventListener('ended', r, { once: true }));
          }),
        );
      }
      const submit = visit.events.some((e) => e.type === 'form' && e.action === 'submit');
      if (types.has('form')) {
        await safe(page.fill('#signup-name', 'Ada Lovelace', { timeout: 1000 }));
        await safe(page.fill('#signup-email', 'ada@example.com', { timeout: 1000 }));
        if (submit) {
          await safe(page.check('#signup-consent', { timeout: 1000 }));
          await safe(
            Promise.all([page.waitForURL('**/signup/thanks', { timeout: 5000 }), page.click('#signup-submit')]),
          );
        }
      }
      if (types.has('outbound')) await safe(page.click('#outbound-link', { timeout: 1000, noWaitAfter: true }));
      const left = dwell - (Date.now() - started);
      if (left > 0) await sleep(left);
    }
    await safe(page.goto('about:blank')); // pagehide: the SDK flushes what it holds
    await sleep(300);
  } finally {
    await context.close().catch((err) => console.error(`  closing a visitor's browser context failed: ${err.message}`));
  }
}
