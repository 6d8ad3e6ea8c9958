#!/usr/bin/env node
// Starts the collector, configured by the environment. Run `pnpm build` first.
import { main } from '../dist/main.js';

main().catch((err) => {
  console.error(err instanceof TypeError ? `heatlens-collector: ${err.message}` : err);
  process.exit(1);
});
