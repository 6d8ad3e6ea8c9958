// The system Chromium for every suite, benchmark and script that drives a browser: where it is and
// the flags it runs with, declared once. Plain JS so `node bench/<file>.mjs` imports it without a
// build step; types in chromium.d.mts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Flags for Debian's Chromium on a machine with no network but loopback: no sandbox (containers), no
 * GPU, none of the browser's own traffic (component updates, sync, QUIC probes), no first-run UI.
 */
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
 * Path of the system Chromium: `CHROMIUM_PATH`, else `which chromium`, else undefined. With
 * HEATLENS_REQUIRE_BROWSER=1 a missing browser throws, so CI can never pass by skipping the browser suites.
 */
export function chromiumPath() {
  let path = process.env.CHROMIUM_PATH || undefined;
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

function executablePath() {
  const path = chromiumPath();
  if (!path) throw new Error('no `chromium` on PATH: apt-get install chromium, or set CHROMIUM_PATH');
  return path;
}

/**
 * Launch headless system Chromium with CHROMIUM_ARGS. `args` are added after them; every other
 * option goes to playwright's `chromium.launch` as it is. Throws when there is no Chromium.
 */
export function launchChromium({ args = [], ...options } = {}) {
  return chromium.launch({
    executablePath: executablePath(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/**
 * Launch Chromium with the unpacked MV3 extension in `extensionDir` loaded, in a persistent context
 * on a fresh temp profile (extensions need one). `args` are added after CHROMIUM_ARGS; other
 * options (e.g. `viewport`) go to `launchPersistentContext`. `dispose()` closes the context and
 * removes the profile.
 */
export async function launchWithExtension(extensionDir, { args = [], ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'heatlens-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executablePath(),
      headless: true,
      ...options,
      args: [
        ...CHROMIUM_ARGS,
        ...args,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
      ],
    });
    return Object.assign(context, {
      async dispose() {
        await context.close().catch(() => {});
        rmSync(profile, { recursive: true, force: true });
      },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
