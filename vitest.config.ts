import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Workspace packages resolve to their TypeScript sources, so unit tests need no build;
// end-to-end tests (test/) run against the built artefacts instead.
const alias = {
  '@heatlens/schema/tiles': src('./packages/schema/src/tiles.ts'),
  '@heatlens/schema/constants': src('./packages/schema/src/constants.ts'),
  '@heatlens/schema/live': src('./packages/schema/src/live.ts'),
  '@heatlens/schema/live-delta': src('./packages/schema/src/live-delta.ts'),
  '@heatlens/schema/parse-live': src('./packages/schema/src/parse-live.ts'),
  '@heatlens/schema/page-key': src('./packages/schema/src/page-key.ts'),
  '@heatlens/schema/normalize-url': src('./packages/schema/src/normalize-url.ts'),
  '@heatlens/schema/selector': src('./packages/schema/src/selector.ts'),
  '@heatlens/schema/scroll-root': src('./packages/schema/src/scroll-root.ts'),
  '@heatlens/schema/live-client': src('./packages/schema/src/live-client.ts'),
  '@heatlens/schema/reach': src('./packages/schema/src/reach.ts'),
  '@heatlens/schema/field-path': src('./packages/schema/src/field-path.ts'),
  '@heatlens/schema/capture': src('./packages/schema/src/capture.ts'),
  '@heatlens/schema/views': src('./packages/schema/src/views.ts'),
  '@heatlens/schema': src('./packages/schema/src/index.ts'),
  '@heatlens/heat/palette': src('./packages/heat/src/palette.ts'),
  '@heatlens/heat/hover-box': src('./packages/heat/src/hover-box.ts'),
  '@heatlens/heat/heat-kernel': src('./packages/heat/src/heat-kernel.ts'),
  '@heatlens/heat/heat-surface': src('./packages/heat/src/heat-surface.ts'),
  '@heatlens/heat/heat-points': src('./packages/heat/src/heat-points.ts'),
  '@heatlens/heat/project': src('./packages/heat/src/project.ts'),
  '@heatlens/heat/scroll-reach': src('./packages/heat/src/scroll-reach.ts'),
  '@heatlens/heat/draw-frame': src('./packages/heat/src/draw-frame.ts'),
  '@heatlens/heat/legend-place': src('./packages/heat/src/legend-place.ts'),
  '@heatlens/heat/style': src('./packages/heat/src/style.ts'),
  '@heatlens/collector': src('./packages/collector/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Two files at a time: most unit and store files wait on Redis, sockets and timers, so two
    // workers overlap those waits even on 2 cores. The e2e project stays one file at a time
    // (`fileParallelism: false`: its browsers need the CPU) and runs after the others.
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: 'schema', root: 'packages/schema', environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'collector',
          root: 'packages/collector',
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      { resolve: { alias }, test: { name: 'sdk', root: 'packages/sdk', environment: 'happy-dom' } },
      { resolve: { alias }, test: { name: 'heat', root: 'packages/heat', environment: 'happy-dom' } },
      { resolve: { alias }, test: { name: 'extension', root: 'packages/extension', environment: 'happy-dom' } },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          root: 'test',
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
