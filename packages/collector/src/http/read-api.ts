import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sites } from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import type { SiteRegistry } from '../sites.js';
import type { Store } from '../store/types.js';
import { authorizeRead, readToken } from '../edge/auth.js';
import { readQuery } from '../edge/query.js';
import { retentionDaysOf } from '../core/retention.js';
import { HttpError, sendJson, sendJsonText } from '../edge/respond.js';
import { heatmapJson } from './heatmap-json.js';
import { csvFilename, heatmapCsv, namesFromCaptures } from './heatmap-csv.js';

export type ReadDeps = { config: ResolvedConfig; sites: SiteRegistry; store: Store };

/** The read routes: every one needs the site's read token. */
export function createReadApi({ config, sites, store }: ReadDeps) {
  const needPath = (path: string | null) => {
    if (!path) throw new HttpError(400, 'path: required');
    return path;
  };
  return {
    /** GET /api/sites: the sites this token may read. */
    sites(req: IncomingMessage, res: ServerResponse) {
      const readable = sites.readableBy(readToken(req.headers));
      if (!readable.length)
        throw new HttpError(401, 'authorization: a valid read token is required', { 'WWW-Authenticate': 'Bearer' });
      sendJson(res, 200, {
        sites: readable.map((s) => ({
          id: s.id,
          origins: s.origins,
          routes: s.routes ?? [],
          masks: s.masks ?? [],
          retentionDays: retentionDaysOf(s),
        })),
      } satisfies Sites);
    },
    /** GET /api/pages?site&window */
    async pages(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const q = readQuery(params, site);
      sendJson(res, 200, await store.pages({ site: site.id, window: q.window, now: config.now(), limit: q.limit }));
    },
    /** GET /api/heatmap?site&path&kind&window&seg[&format=json|csv] */
    async heatmap(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const q = readQuery(params, site);
      const format = params.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format: one of json, csv');
      const page = sites.routeOf(site, needPath(q.path));
      const now = config.now();
      const map = await store.snapshot({ site: site.id, page, kind: q.kind, seg: q.seg, window: q.window, now });
      if (format === 'json') return sendJsonText(res, 200, heatmapJson(map));
      const names = namesFromCaptures(await store.captures.list(site.id, page, now), q.seg);
      const csv = heatmapCsv(map, names);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': Buffer.byteLength(csv),
        'Content-Disposition': `attachment; filename="${csvFilename(map, q.window)}"`,
      });
      res.end(csv);
    },
    /** GET /api/stats?site&path&window */
    async stats(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const q = readQuery(params, site);
      const page = sites.routeOf(site, needPath(q.path));
      sendJson(res, 200, await store.stats({ site: site.id, page, window: q.window, now: config.now() }));
    },
  };
}
