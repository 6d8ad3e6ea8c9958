#!/usr/bin/env node
// Runs every vitest project once, then lint as one more check, and ends with one plain line:
// `N passed, N failed, N skipped`.
// With HEATLENS_REQUIRE_REDIS / HEATLENS_REQUIRE_BROWSER set (CI sets both), a skipped test is a
// failure: a missing redis-server or Chromium must never pass as green.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = '.artifacts/vitest.json';
mkdirSync('.artifacts', { recursive: true });
// Run vitest's own entry with this Node, so no package manager needs to be on PATH.
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    // A file that fails to load has no tests but must still count as a failure.
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
  }
}
const required = process.env.HEATLENS_REQUIRE_REDIS === '1' || process.env.HEATLENS_REQUIRE_BROWSER === '1';
if (required && skipped > 0) {
  console.error(`\n${skipped} test(s) skipped while services are required: counted as failures.`);
  failed += skipped;
}
if (passed === 0 && failed === 0) failed = 1; // a run that tested nothing is not green
// Lint (scripts/lint.mjs: eslint, and prettier's check) counts as one check: passed when clean, failed otherwise.
console.log('\n== lint');
const lint = spawnSync(process.execPath, [fileURLToPath(new URL('./lint.mjs', import.meta.url))], { stdio: 'inherit' });
if (lint.status === 0) passed++;
else {
  failed++;
  console.error('lint: failed (findings above), counted as one failed check');
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
