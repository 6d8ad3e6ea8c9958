import type { Browser } from 'puppeteer-core';

/** The internal UUID the add-on gets: its pages are at `moz-extension://<uuid>/`. */
export const EXTENSION_UUID: string;
/** Prefs for a machine with loopback only; optional permissions granted without a prompt. */
export const FIREFOX_PREFS: Readonly<Record<string, unknown>>;
/** `FIREFOX_PATH`, else `which firefox-esr` or `firefox`; throws with HEATLENS_REQUIRE_BROWSER=1 and none. */
export function firefoxPath(): string | undefined;
/** True when the Firefox suites can run; use as `describe.runIf(hasFirefox)`. */
export const hasFirefox: boolean;
/** Headless Firefox on a temp profile with the unpacked extension installed as a temporary add-on. */
export function launchFirefoxWithExtension(
  extensionDir: string,
  options?: { prefs?: Record<string, unknown> },
): Promise<{ browser: Browser; id: string; extensionUrl(file: string): string; dispose(): Promise<void> }>;
