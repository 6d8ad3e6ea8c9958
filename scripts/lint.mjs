#!/usr/bin/env node
// `pnpm lint`: eslint's rules (eslint.config.js) and prettier's check (.prettierrc.json) over the whole tree.
// Check only, no type information, both cached under node_modules/.cache, so a rerun takes about a second.
// `pnpm format` writes prettier's layout; `scripts/run-tests.mjs` runs this as one check of the test run.
// Exits 0 when both are clean, 1 otherwise; each tool prints its own findings.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Whether the tree has had its one-time format pass (scripts/format-tree.sh turns this on): it has, so
 * prettier's check and the line-length rule run with every other rule. Off, both are left out.
 */
const formatChecks = true;

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
// Run each tool's own entry with this Node, so no package manager needs to be on PATH.
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;

const eslintArgs = [bin('eslint/bin/eslint.js'), '--cache', '--cache-location', 'node_modules/.cache/eslint/'];
if (!formatChecks) eslintArgs.push('--rule', '@stylistic/max-len: off');
const eslintOk = run([...eslintArgs, '.']);
const prettierOk = formatChecks
  ? run([bin('prettier/bin/prettier.cjs'), '--check', '--cache', '--log-level', 'warn', '.'])
  : true;
if (!formatChecks) console.log('lint: prettier check and line length wait for scripts/format-tree.sh');
if (!prettierOk) console.error('lint: files above are not in prettier layout: run `pnpm format`');
process.exit(eslintOk && prettierOk ? 0 : 1);
