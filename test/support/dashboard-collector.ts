import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';

const DASHBOARD_JS = fileURLToPath(new URL('../../packages/collector/public/assets/dashboard.js', import.meta.url));

/**
 * A collector on the demo site for the dashboard's e2e suites, and the site's read token. Throws when
 * the dashboard bundle is not built (they drive the built dashboard, not its sources).
 */
export async function startDashboardCollector(): Promise<{ collector: Collector; token: string }> {
  if (!existsSync(DASHBOARD_JS)) throw new Error(`${DASHBOARD_JS} is missing: run \`pnpm build\``);
  const collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  return { collector, token: collector.sites[0]!.readToken };
}
