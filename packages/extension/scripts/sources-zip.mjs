// The source archive addons.mozilla.org asks for when an add-on's code is bundled and minified:
// the extension's own source, the workspace package it bundles (@heatlens/schema), the workspace
// files and lockfile the build installs from, and SOURCES.md (how to build) at its root. npm
// packages are pinned by the lockfile and not included. Written by package.mjs with the zips.
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** Workspace files at the repository root that the build reads. */
const ROOT_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', '.npmrc'];
/**
 * Workspace packages: the extension, what it bundles (schema), and its test helpers' package
 * (a devDependency, so the workspace installs as it does in the repository).
 */
const PACKAGES = ['packages/extension', 'packages/schema', 'packages/testkit'];
/** Never shipped: installs, outputs, caches. */
const SKIP = new Set(['node_modules', 'dist', '.artifacts', 'coverage', '.turbo']);
/** One fixed time for every entry, so the same sources give the same archive. */
const MTIME = new Date('2020-01-01T00:00:00Z');

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/**
 * Write the source archive of the repository at `repoRoot` to `outFile` (a .zip). `SOURCES.md`
 * of the extension goes in at the archive's root too. Resolves with the number of files.
 */
export async function writeSourcesZip(repoRoot, outFile) {
  const zip = new yazl.ZipFile();
  let count = 0;
  const add = (path, name = relative(repoRoot, path)) => {
    zip.addFile(path, name.split('\\').join('/'), { mtime: MTIME, mode: 0o100644 });
    count++;
  };
  for (const file of ROOT_FILES) add(join(repoRoot, file));
  add(join(repoRoot, 'packages/extension/SOURCES.md'), 'SOURCES.md');
  for (const pkg of PACKAGES) for (const path of walk(join(repoRoot, pkg))) add(path);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(outFile));
  return count;
}
