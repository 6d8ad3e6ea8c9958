// The dashboard's stylesheets, in cascade order: uPlot's, then every `.css` under `src/` (styles.css
// first). Both builds concatenate this one list into public/assets/dashboard.css, rollup's
// (`pnpm build`) and esbuild's quick one (`pnpm start`, scripts/build-demo.mjs), so a new
// stylesheet cannot reach one build and not the other. The shared page (share.html) has its own.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const src = fileURLToPath(new URL('./src/', import.meta.url));

/** Absolute paths of the dashboard's stylesheets, in the order they are concatenated. */
export function dashboardStylesheets() {
  const own = readdirSync(src)
    .filter((f) => f.endsWith('.css') && f !== 'share.css') // share.css: the shared page's own sheet
    .sort((a, b) => (a === 'styles.css' ? -1 : b === 'styles.css' ? 1 : a.localeCompare(b)));
  return [require.resolve('uplot/dist/uPlot.min.css'), ...own.map((f) => src + f)];
}
