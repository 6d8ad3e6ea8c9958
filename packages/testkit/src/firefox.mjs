// The system Firefox (Debian's firefox-esr) for the suites that drive the extension in Firefox:
// where it is, the prefs it runs with, and the unpacked extension installed as a temporary add-on,
// declared once. Driven by puppeteer-core over WebDriver BiDi: no geckodriver, no browser download.
// Plain JS so scripts can import it under plain `node`; types in firefox.d.mts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

/** The internal UUID the add-on gets, so its pages have a known `moz-extension://` origin. */
export const EXTENSION_UUID = '5f1c2a7e-3b4d-4e8a-9c6f-0a1b2c3d4e5f';

/**
 * Prefs for a machine with loopback only, on top of puppeteer's own automation prefs.
 *
 * `extensions.webextOptionalPermissionPrompts: false` answers the permission prompt a person
 * answers: `permissions.request` resolves `true` without a door-hanger, so the options page runs
 * its real request for the collector's origin (headless Firefox cannot click "Allow").
 */
export const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.webextOptionalPermissionPrompts': false,
};

function which(name) {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Path of the system Firefox: `FIREFOX_PATH`, else `which firefox-esr`, else `which firefox`, else
 * undefined. With HEATLENS_REQUIRE_BROWSER=1 a missing browser throws, so CI can never pass by
 * skipping the Firefox suite.
 */
export function firefoxPath() {
  const path = process.env.FIREFOX_PATH || which('firefox-esr') || which('firefox');
  if (!path && process.env.HEATLENS_REQUIRE_BROWSER === '1') {
    throw new Error('HEATLENS_REQUIRE_BROWSER=1 but no `firefox-esr` on PATH (apt-get install firefox-esr)');
  }
  return path;
}

/** True when the Firefox suites can run; use as `describe.runIf(hasFirefox)`. */
export const hasFirefox = firefoxPath() !== undefined;

/**
 * Launch headless system Firefox on a fresh temp profile and install the unpacked extension in
 * `extensionDir` as a temporary add-on (as about:debugging's "Load Temporary Add-on" does). Its
 * pages live at `moz-extension://${EXTENSION_UUID}/`, and open over BiDi because Firefox starts with
 * `--remote-allow-system-access`. `prefs` are added to FIREFOX_PREFS. Resolves with the browser,
 * the add-on's id, `extensionUrl(file)` and `dispose()` (closes the browser, removes the profile).
 */
export async function launchFirefoxWithExtension(extensionDir, { prefs = {} } = {}) {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('no `firefox-esr` on PATH: apt-get install firefox-esr, or set FIREFOX_PATH');
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no gecko id: not a Firefox build`);
  const profile = mkdtempSync(join(tmpdir(), 'heatlens-firefox-'));
  const dispose = async (browser) => {
    await browser?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...FIREFOX_PREFS,
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        ...prefs,
      },
    });
    const id = await browser.installExtension(extensionDir);
    return {
      browser,
      id,
      extensionUrl: (file) => `moz-extension://${EXTENSION_UUID}/${file}`,
      dispose: () => dispose(browser),
    };
  } catch (error) {
    await dispose(browser);
    throw error;
  }
}
