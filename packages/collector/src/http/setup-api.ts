import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteRegistry } from '../sites.js';
import type { SetupLog } from '../setup/setup-log.js';
import { authorizeRead } from '../edge/auth.js';
import { HttpError, sendJson } from '../edge/respond.js';

/**
 * GET /api/setup?site=S (read token): the site's batches refused in the last hour by reason and
 * its last accepted batch (schema `Setup`), from the setup log (setup/setup-log.ts).
 */
export function createSetupApi({ sites, setup }: { sites: SiteRegistry; setup?: SetupLog }) {
  return async (req: IncomingMessage, res: ServerResponse, params: URLSearchParams) => {
    const site = authorizeRead(sites, req.headers, params.get('site'));
    if (!setup) throw new HttpError(404, 'not found: /api/setup');
    sendJson(res, 200, await setup.read(site.id));
  };
}
