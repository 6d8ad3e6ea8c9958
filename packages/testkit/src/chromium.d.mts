import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';

type PersistentOptions = Parameters<typeof import('playwright-core').chromium.launchPersistentContext>[1];

/** Flags for Debian's Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS: readonly string[];
/** `CHROMIUM_PATH`, else `which chromium`, else undefined; throws with HEATLENS_REQUIRE_BROWSER=1 and none. */
export function chromiumPath(): string | undefined;
/** True when browser suites can run; use as `describe.runIf(hasChromium)`. */
export const hasChromium: boolean;
/** Headless system Chromium with CHROMIUM_ARGS and then `args`; other options as playwright's. */
export function launchChromium(options?: LaunchOptions): Promise<Browser>;
/** Chromium with the unpacked extension in `extensionDir`, on a temp profile that `dispose()` removes. */
export function launchWithExtension(
  extensionDir: string,
  options?: PersistentOptions,
): Promise<BrowserContext & { dispose(): Promise<void> }>;
