// Lint for the whole tree: syntax-only rules (no type information, so a full run stays in seconds on a
// small machine). Formatting is prettier's (`pnpm format`); the one layout rule here is the line length,
// because prettier wraps code but never a comment, a string or a template literal.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { collectorLayers, functionLength } from './eslint.layers.js';

/** The house line length; prettier's `printWidth` in .prettierrc.json is the same number. */
const MAX_LINE = 120;

export default defineConfig([
  // Build output, installed packages and run artefacts; nothing in git is generated or vendored.
  globalIgnores(['**/node_modules/', '**/dist/', '.artifacts/', 'coverage/', 'packages/collector/public/assets/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { '@stylistic': stylistic },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@stylistic/max-len': [
        'error',
        { code: MAX_LINE, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: false, ignoreStrings: false },
      ],
      // `_`-prefixed names are deliberately unused (a required parameter position, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // `a && b()` and `c ? d() : e()` as statements are the SDK's size idiom (terser emits them anyway).
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // One `let` for a destructuring whose names are reassigned only in part, rather than two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // Scripts that drive Chromium pass functions to `page.evaluate`, which run in the page (or the
    // extension's worker, hence `chrome`).
    files: [
      'bench/**/*.mjs',
      'examples/shop/simulate/**/*.mjs',
      'packages/extension/scripts/**/*.mjs',
      'packages/testkit/src/**/*.mjs',
      'scripts/**/*.mjs',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    // Test helpers hand tests the JSON bodies and frames they read field by field; `unknown` there
    // would only move the casts into every test. Package code keeps the rule (STYLE.md 19).
    files: ['packages/testkit/**', '**/test-support/**', '**/*.test.ts', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Page scripts of the demo shop run in the browser, not in Node.
    files: ['examples/shop/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  // The collector's layers (core, store, alerts, edge, setup, http, ws): who may import whom.
  ...collectorLayers,
  functionLength,
]);
