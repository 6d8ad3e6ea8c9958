// The collector's layers, held by lint: each folder of packages/collector/src may import only the layers
// below it (ARCHITECTURE.md, "Layers"). Relative imports are matched by where they land:
//
//   core/    fold, windows, counters, tiles, set names, bounds: pure, imports nothing else of the collector
//   store/   the stores and their Redis vocabulary: core only
//   alerts/  rules, evaluation, delivery: core, store, config.ts, metrics.ts
//   edge/    auth, query parsing, rate limits, responses: core, store, config.ts, sites.ts
//   setup/   the setup log: core, store, config.ts, sites.ts
//   http/    routes: core, store, edge, setup, config.ts, sites.ts, metrics.ts
//   ws/      the live feed: core, store, edge, config.ts, sites.ts, metrics.ts
//
// No layer imports the composition root (server.ts, main.ts, index.ts, workers.ts) or test-support/.
// Tests (`*.test.ts`) and the store contract suites may import anything: they assemble what they test.
// scripts/lint-layers.test.ts shows a forbidden import failing this lint.

const SRC = 'packages/collector/src';
/** Root-level modules no layer may import: the composition root. */
const ROOT_ONLY = '(server|main|index|workers)\\.js$';

/**
 * One `no-restricted-imports` block for the files `files` (depth: how many `../` leave the layer's
 * folder), allowing only the layers and root modules named.
 */
function layer(name, files, depth, { layers = [], rootFiles = [] }) {
  const up = '\\.\\./'.repeat(depth);
  const allowed = [...layers.map((l) => `${l}/`), ...rootFiles.map((f) => `${f}\\.js$`)];
  const rest = allowed.length ? `(?!${allowed.join('|')})` : '';
  const may = [...layers.map((l) => `${l}/`), ...rootFiles.map((f) => `${f}.ts`)].join(', ') || 'itself';
  return {
    files: files.map((f) => `${SRC}/${f}`),
    ignores: ['**/*.test.ts', `${SRC}/store/contract/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${up}${rest}`,
              message: `${name}/ may import only ${may} (eslint.layers.js: the collector's layers).`,
            },
            {
              regex: `^(\\.\\./)+(test-support/|${ROOT_ONLY})`,
              message: 'no layer imports the composition root or test-support/.',
            },
          ],
        },
      ],
    },
  };
}

/** The layer rules, one config block per folder (and one per depth inside it). */
export const collectorLayers = [
  layer('core', ['core/*.ts'], 1, {}),
  layer('store', ['store/*.ts'], 1, { layers: ['core'] }),
  layer('store', ['store/lua/*.ts'], 2, { layers: ['core'] }),
  layer('alerts', ['alerts/*.ts'], 1, { layers: ['core', 'store'], rootFiles: ['config', 'metrics'] }),
  layer('edge', ['edge/*.ts'], 1, { layers: ['core', 'store'], rootFiles: ['config', 'sites'] }),
  layer('setup', ['setup/*.ts'], 1, { layers: ['core', 'store'], rootFiles: ['config', 'sites'] }),
  layer('http', ['http/*.ts'], 1, {
    layers: ['core', 'store', 'edge', 'setup'],
    rootFiles: ['config', 'sites', 'metrics'],
  }),
  layer('ws', ['ws/*.ts'], 1, { layers: ['core', 'store', 'edge'], rootFiles: ['config', 'sites', 'metrics'] }),
];

/**
 * The house function length (issue 29): at most 120 lines per function in packages/*\/src, blank lines
 * and comments not counted; tests and the store contract are left out. On since the long ones were split
 * (startCollector: open-store.ts, http-listener.ts, sweeps.ts; createAlertEngine: alerts/redeliver.ts).
 */
const FUNCTION_LENGTH = 'error';
export const functionLength = {
  files: ['packages/*/src/**/*.ts'],
  ignores: ['**/*.test.ts', '**/test-support/**', `${SRC}/store/contract/**`],
  rules: {
    'max-lines-per-function': [FUNCTION_LENGTH, { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
  },
};
