import { init, type Heatlens } from './init.js';

declare global {
  interface Window {
    /** The script-tag build's instance: `heatlens.track('signup')`, `heatlens.consent(false)`. */
    heatlens?: Heatlens;
  }
}

// The script-tag build: `<script src="https://stats.example/sdk.js" data-site="my-site" defer>`.
// Reads its options from its own tag: data-site, data-endpoint (default: the script's origin),
// data-flush-ms, data-exclude (comma-separated), data-query, data-hash, data-require-consent.
try {
  const s = document.currentScript as HTMLScriptElement | null;
  const d = s?.dataset;
  if (s && d?.site) {
    const on = (v?: string) => v != null && v != 'false';
    window.heatlens = init({
      site: d.site,
      endpoint: d.endpoint || new URL(s.src, location.href).origin,
      flushMs: Number(d.flushMs) || undefined,
      exclude: d.exclude ? d.exclude.split(',') : undefined,
      query: on(d.query),
      hash: on(d.hash),
      requireConsent: on(d.requireConsent),
    });
  }
} catch {
  // never into the host page
}
