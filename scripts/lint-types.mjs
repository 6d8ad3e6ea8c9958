#!/usr/bin/env node
// `pnpm lint:types`: eslint with type information (eslint.types.config.js: typescript-eslint's type-checked
// rules) over the packages' production sources, packages/*/src. Separate from `pnpm lint` (scripts/lint.mjs)
// because it builds every package's TypeScript program: minutes, not seconds, so it is not part of the test
// run. Prints the findings and the time it took; exits 0 when there are none, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url));
const started = performance.now();
const { status } = spawnSync(
  process.execPath,
  [
    eslint,
    '--config',
    'eslint.types.config.js',
    '--no-warn-ignored',
    ...process.argv.slice(2),
    'packages/*/src/**/*.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
console.log(`lint:types: ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(status === 0 ? 0 : 1);
