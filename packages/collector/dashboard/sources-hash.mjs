import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * SHA-256 over the dashboard's sources (every file under `dir`, by sorted name), stamped into the
 * committed bundle by rollup.config.mjs, so a test can tell when the bundle is older than `src/`
 * without running the build.
 * @param {string} dir default: this folder's `src/`
 * @returns {string} hex digest
 */
export function sourcesHash(dir = fileURLToPath(new URL('./src/', import.meta.url))) {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    let text;
    try {
      text = readFileSync(join(dir, name));
    } catch {
      continue; // a directory
    }
    hash.update(`${name}\0`).update(text).update('\0');
  }
  return hash.digest('hex');
}
