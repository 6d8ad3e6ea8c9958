// Type-aware lint of the packages' production sources (`pnpm lint:types`, scripts/lint-types.mjs):
// typescript-eslint's rules that need type information (`recommendedTypeCheckedOnly`: unsafe `any`,
// floating and misused promises, needless assertions, ...). Apart from eslint.config.js because building
// the TypeScript programs takes minutes on a small machine, so it is not part of `pnpm lint` or the test
// run. Syntax-only rules stay in eslint.config.js; tests and test helpers are left out (production code only).
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/*.test.ts',
    '**/test-support/**',
    'packages/collector/src/store/contract/**',
    'packages/testkit/**',
  ]),
  {
    files: ['packages/*/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    // Directives in the sources name eslint.config.js's rules, which this config does not load.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // Syntax-only, held by eslint.config.js (with `destructuring: 'all'`); typescript-eslint's preset turns it on.
      'prefer-const': 'off',
      // In-memory stores keep `async` on contract methods that need no await, so a throw is a rejection as on Redis.
      '@typescript-eslint/require-await': 'off',
      // Methods here come off closures-returning factories and use no `this`; the SDK binds the DOM's with call/apply.
      '@typescript-eslint/unbound-method': 'off',
      // Rejecting with what was caught (`unknown`) forwards the error as thrown; only invented reasons must be Errors.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // `'' + x` is the SDK's size idiom for `String(x)` (a selection, a status); its bytes are a test (.size-limit.cjs).
    files: ['packages/sdk/src/**/*.ts'],
    rules: { '@typescript-eslint/restrict-plus-operands': 'off' },
  },
]);
