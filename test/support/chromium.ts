import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Flags for Debian's Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Path of the system Chromium (`which chromium`), or undefined. With HEATLENS_REQUIRE_BROWSER=1
 * a missing browser throws, so CI can never pass by skipping the browser suites.
 */
export function chromiumPath(): string | undefined {
  let path: string | undefined = process.env.CHROMIUM_PATH;
  if (!path) {
    try {
      path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      path = undefined;
    }
  }
  if (!path && process.env.HEATLENS_REQUIRE_BROWSER === '1') {
    throw new Error('HEATLENS_REQUIRE_BROWSER=1 but no `chromium` on PATH (apt-get install chromium)');
  }
  return path;
}

/** True when browser suites can run; use as `describe.runIf(hasChromium)`. */
export const hasChromium = chromiumPath() !== undefined;

/** Launch headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Launch Chromium with an unpacked MV3 extension loaded (a persistent context is required for
 * extensions). `close()` also removes the profile directory.
 */
export async function launchWithExtension(
  extensionDir: string,
): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'heatlens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  return Object.assign(context, {
    async dispose() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  });
}
