#!/usr/bin/env node
// Lays out the unpacked extension for each browser from the rollup output, lints the Firefox one
// with `web-ext lint` (a failing lint fails the build), zips both with `web-ext build` under the
// manifest's version (dist/heatlens-<browser>-<version>.zip) and writes the source archive
// addons.mozilla.org asks for (dist/heatlens-sources-<version>.zip, sources-zip.mjs). See
// RELEASING.md for what to do with them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSourcesZip } from './sources-zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(root, 'src/manifest.json'), 'utf8'));
const { version } = manifest;

/**
 * The oldest Firefox that has every API and manifest key the extension uses (MDN's compatibility
 * data, as `web-ext lint` checks it). The APIs alone would allow 128: `optional_host_permissions`
 * (the collector's origin, asked for in the options page) came in 128, `storage.session` in 115,
 * MV3 with `action`, `host_permissions` and an event page in 109, `scripting` in 102. The floor is
 * set by `data_collection_permissions`, which addons.mozilla.org requires of every new add-on and
 * Firefox reads from 140 on desktop (142 on Android): 140 is an ESR line, so no supported ESR is
 * shut out.
 */
const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

/** Chrome runs the background as a service worker; Firefox's MV3 runs it as an event page. */
const manifests = {
  chrome: manifest,
  firefox: {
    ...manifest,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: 'heatlens@heatlens.dev',
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
        // Self-hosted builds only (RELEASING.md): where Firefox looks for updates. A listed
        // addons.mozilla.org version must not carry one.
        ...(process.env.HEATLENS_FIREFOX_UPDATE_URL ? { update_url: process.env.HEATLENS_FIREFOX_UPDATE_URL } : {}),
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  },
};

// Every bundle rollup wrote (one per named input): a script the background injects or registers
// by file name must ship, and a list kept by hand here once left one out.
const files = readdirSync(join(dist, 'build'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => [`build/${f}`, f]);
const pages = [
  ['src/popup/popup.html', 'popup.html'],
  ['src/options/options.html', 'options.html'],
  ['src/pages.css', 'pages.css'],
];

function webExt(args) {
  const run = spawnSync(join(root, 'node_modules/.bin/web-ext'), args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`web-ext ${args[0]} failed`);
  }
  return run.stdout;
}

for (const [browser, m] of Object.entries(manifests)) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [from, to] of files) cpSync(join(dist, from), join(out, to));
  for (const [from, to] of pages) cpSync(join(root, from), join(out, to));
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
}

const lint = webExt(['lint', '--source-dir', 'dist/firefox', '--warnings-as-errors', '--no-config-discovery']);
console.log(
  lint
    .split('\n')
    .filter((l) => /errors|warnings|notices/i.test(l))
    .join('\n'),
);
for (const browser of Object.keys(manifests)) {
  webExt([
    'build',
    '--source-dir',
    `dist/${browser}`,
    '--artifacts-dir',
    'dist',
    '--filename',
    `heatlens-${browser}-${version}.zip`,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
  console.log(`dist/${browser}/ and dist/heatlens-${browser}-${version}.zip`);
}
const sources = `dist/heatlens-sources-${version}.zip`;
const count = await writeSourcesZip(join(root, '../..'), join(root, sources));
console.log(`${sources} (${count} files; SOURCES.md inside says how to build)`);
