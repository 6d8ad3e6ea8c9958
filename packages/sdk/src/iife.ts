import { init, type Heatlens } from './init.js';

declare global {
  interface Window {
    /** The script-tag build's instance: `heatlens.track('signup')`, `heatlens.consent(false)`. */
    heatlens?: Heatlens;
  }
}

// The script-tag build: `<script src="https://stats.example/sdk.js" data-site="my-site" defer>`.
// Reads its options from its own tag: data-site, data-endpoint (default: the script's origin),
// data-flush-ms, data-exclude (comma-separated), data-query, data-hash, data-require-consent,
// data-scroll-root (a selector of the app shell's scroller).
// Without a current script (a module, or an injected copy) `s.dataset` throws, and that is caught.
try {
  const s = document.currentScript as HTMLScriptElement;
  const d = s.dataset;
  const on = (v?: string) => v != null && v != 'false';
  if (d.site)
    window.heatlens = init({
      site: d.site,
      // `src` reads back absolute.
      endpoint: d.endpoint || new URL(s.src).origin,
      // NaN (no attribute) means the default.
      flushMs: +d.flushMs!,
      exclude: d.exclude?.split(','),
      query: on(d.query),
      hash: on(d.hash),
      requireConsent: on(d.requireConsent),
      scrollRoot: d.scrollRoot,
    });
} catch {
  // never into the host page
}
