import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

// One entry per public module: `@heatlens/sdk/<name>` loads only that tracker and its helpers.
export const ENTRIES = {
  index: 'src/index.ts',
  init: 'src/init.ts',
  transport: 'src/transport.ts',
  pageviews: 'src/trackers/pageviews.ts',
  clicks: 'src/trackers/clicks.ts',
  'rage-clicks': 'src/trackers/rage-clicks.ts',
  'dead-clicks': 'src/trackers/dead-clicks.ts',
  moves: 'src/trackers/moves.ts',
  scroll: 'src/trackers/scroll.ts',
  forms: 'src/trackers/forms.ts',
  media: 'src/trackers/media.ts',
  downloads: 'src/trackers/downloads.ts',
  outbound: 'src/trackers/outbound.ts',
  'image-views': 'src/trackers/image-views.ts',
  engagement: 'src/trackers/engagement.ts',
  custom: 'src/trackers/custom.ts',
};

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    module: 'esnext',
    moduleResolution: 'bundler',
    declaration: false,
    sourceMap: false,
    exclude: ['src/**/*.test.ts'],
  });
// Private properties start with `_` and are mangled; the schema's tile math is bundled in.
const min = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3 },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

/**
 * `let` for `const` after minifying (terser keeps `const`): two bytes a declaration in the script
 * tag (served as built; a site's bundler does this for the module entries itself), the same
 * meaning in code that never assigns a constant (the type checker sees to that). Found on the
 * parsed chunk, so a string or regex that spells `const` is left alone. Script tag: -26 B.
 */
const lets = () => ({
  name: 'lets',
  renderChunk(code) {
    const at = [];
    const walk = (n) => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n.type != 'string') return;
      if (n.type == 'VariableDeclaration' && n.kind == 'const') at.push(n.start);
      for (const k in n) if (k != 'type' && n[k] && typeof n[k] == 'object') walk(n[k]);
    };
    walk(this.parse(code));
    for (const i of at.sort((a, b) => b - a)) code = code.slice(0, i) + 'let' + code.slice(i + 5);
    return { code, map: null };
  },
});

export default [
  {
    input: ENTRIES,
    plugins: [nodeResolve(), ts(), min()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    input: 'src/iife.ts',
    plugins: [nodeResolve(), ts(), min(), lets()],
    output: { file: 'dist/heatlens.iife.js', format: 'iife' },
  },
];
