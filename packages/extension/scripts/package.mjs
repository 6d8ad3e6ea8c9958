#!/usr/bin/env node
// Lays out the unpacked extension for each browser from the rollup output, lints the Firefox one
// with `web-ext lint` (a failing lint fails the build) and zips both with `web-ext build`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(root, 'src/manifest.json'), 'utf8'));

/** Chrome runs the background as a service worker; Firefox's MV3 runs it as an event page. */
const manifests = {
  chrome: manifest,
  firefox: {
    ...manifest,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: 'heatlens@heatlens.dev',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
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
    `heatlens-${browser}.zip`,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
  console.log(`dist/${browser}/ and dist/heatlens-${browser}.zip`);
}
