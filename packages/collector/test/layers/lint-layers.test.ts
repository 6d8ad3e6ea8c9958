// The collector's layer rules (eslint.layers.js) fail lint on a forbidden import and pass an allowed one.
// Each case lints a one-line module as if it lived at `file`, with the repository's own eslint config.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The `no-restricted-imports` messages lint gives `code` placed at `file` (relative to the repository). */
async function layerFindings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const x = y;\n`, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('collector layers in lint', () => {
  it.each([
    ['packages/collector/src/core/x.ts', "import { y } from '../config.js';", 'core/ may import only itself'],
    ['packages/collector/src/core/x.ts', "import type { y } from '../store/types.js';", 'core/ may import only itself'],
    [
      'packages/collector/src/store/x.ts',
      "import type { y } from '../alerts/engine.js';",
      'store/ may import only core/',
    ],
    ['packages/collector/src/store/x.ts', "import { y } from '../config.js';", 'store/ may import only core/'],
    ['packages/collector/src/store/lua/x.ts', "import { y } from '../../http/router.js';", 'store/ may import'],
    ['packages/collector/src/alerts/x.ts', "import { y } from '../http/router.js';", 'alerts/ may import'],
    ['packages/collector/src/edge/x.ts', "import { y } from '../ws/live-hub.js';", 'edge/ may import'],
    ['packages/collector/src/ws/x.ts', "import { y } from '../http/collect.js';", 'ws/ may import'],
    ['packages/collector/src/http/x.ts', "import { y } from '../server.js';", 'composition root'],
  ])('%s: %s fails', async (file, code, message) => {
    const found = await layerFindings(file, code);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(message);
  });

  it.each([
    ['packages/collector/src/core/x.ts', "import { y } from './windows.js';"],
    ['packages/collector/src/store/x.ts', "import { y } from '../core/fold.js';"],
    ['packages/collector/src/store/lua/x.ts', "import { y } from '../../core/limits.js';"],
    ['packages/collector/src/http/x.ts', "import { y } from '../edge/respond.js';"],
    ['packages/collector/src/ws/x.ts', "import { y } from '../metrics.js';"],
    // tests assemble what they test, so they may reach the composition root
    ['packages/collector/src/http/x.test.ts', "import { y } from '../server.js';"],
  ])('%s: %s passes', async (file, code) => {
    expect(await layerFindings(file, code)).toEqual([]);
  });
});
