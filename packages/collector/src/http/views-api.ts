import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_VIEWS_PER_SITE,
  VIEW_TTL_MS,
  diffHeatmaps,
  pageKey,
  parseSaveView,
  type Heatmap,
  type HeatmapCompare,
  type SavedView,
  type ViewList,
} from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import { authorizeRead } from '../edge/auth.js';
import { readQuery } from '../edge/query.js';
import { checkWindowKept } from '../edge/window-kept.js';
import { HttpError, sendJson } from '../edge/respond.js';
import { isSavedId, newSavedId } from '../edge/share-token.js';
import type { SiteRegistry } from '../sites.js';
import { noPreviousMessage } from '../store/previous-window.js';
import type { Store } from '../store/types.js';
import { SavedFullError, siteOfId } from '../store/views-types.js';
import { readJson } from './json-body.js';

export type ViewsDeps = { config: ResolvedConfig; sites: SiteRegistry; store: Store };

/** The id of `/api/views/<id>` (404 unless spelled as a saved id). */
export function idIn(pathname: string, prefix: string): string {
  const id = decodeURIComponent(pathname.slice(prefix.length));
  if (!isSavedId(id)) throw new HttpError(404, `not found: ${pathname}`);
  return id;
}

/** Saved views (`/api/views`) and comparisons (`/api/heatmap?compare=`), read token required. */
export function createViewsApi({ config, sites, store }: ViewsDeps) {
  /** The view `id` if the token may read its site: 403 for another site's, 404 when there is none. */
  async function viewFor(req: IncomingMessage, id: string): Promise<SavedView> {
    authorizeRead(sites, req.headers, siteOfId(id));
    const view = await store.views.getView(id, config.now());
    if (!view) throw new HttpError(404, `views: no saved view ${id}`);
    return view;
  }

  return {
    /** POST /api/views: freeze the map as it is now; 201 {id}. */
    async save(req: IncomingMessage, res: ServerResponse) {
      const parsed = parseSaveView(await readJson(req, config));
      if (!parsed.ok) throw new HttpError(400, parsed.error);
      const b = parsed.value;
      const site = authorizeRead(sites, req.headers, b.site);
      checkWindowKept(site, b.window);
      if (!b.path.startsWith('/')) throw new HttpError(400, 'path: must start with /');
      const now = config.now();
      const page = sites.routeOf(site, pageKey(b.path));
      const map = await store.snapshot({ site: site.id, page, kind: b.kind, seg: b.seg, window: b.window, now });
      const view: SavedView = {
        ...map,
        id: newSavedId(site.id),
        name: b.name,
        window: b.window,
        savedAt: now,
        captureId: b.captureId ?? null,
      };
      try {
        await store.views.saveView(view, { now, max: MAX_VIEWS_PER_SITE, ttlMs: VIEW_TTL_MS });
      } catch (e) {
        if (e instanceof SavedFullError) throw new HttpError(409, e.message);
        throw e;
      }
      sendJson(res, 201, { id: view.id });
    },

    /** GET /api/views?site&path: the page's saved views, newest first. */
    async list(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const q = readQuery(params);
      if (!q.path) throw new HttpError(400, 'path: required');
      const path = sites.routeOf(site, q.path);
      const views = (await store.views.listViews(site.id, config.now()))
        .filter((v) => v.path === path)
        .map(({ path: _p, ...v }) => v);
      sendJson(res, 200, { views } satisfies ViewList);
    },

    /** GET /api/views/ID */
    async get(req: IncomingMessage, res: ServerResponse, id: string) {
      sendJson(res, 200, await viewFor(req, id));
    },

    /** DELETE /api/views/ID: 204, or 404 when there is none. */
    async remove(req: IncomingMessage, res: ServerResponse, id: string) {
      authorizeRead(sites, req.headers, siteOfId(id));
      if (!(await store.views.deleteView(id))) throw new HttpError(404, `views: no saved view ${id}`);
      res.writeHead(204).end();
    },

    /**
     * GET /api/heatmap?...&compare=view:ID|previous: the map now, plus its difference to a saved
     * view of the same page, kind and segment, or to the same window one period earlier.
     */
    async compare(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
      const site = authorizeRead(sites, req.headers, params.get('site'));
      const q = readQuery(params, site);
      if (!q.path) throw new HttpError(400, 'path: required');
      const against = params.get('compare') ?? '';
      const now = config.now();
      const query = {
        site: site.id,
        page: sites.routeOf(site, q.path),
        kind: q.kind,
        seg: q.seg,
        window: q.window,
        now,
      };
      let base: Heatmap & { name?: string; savedAt?: number };
      if (against === 'previous') {
        const prev = await store.previous(query);
        if (!prev) throw new HttpError(400, noPreviousMessage(q.window));
        base = prev;
      } else if (against.startsWith('view:')) {
        const view = await viewFor(req, against.slice(5));
        const same = view.site === query.site && view.path === query.page && view.kind === q.kind && view.seg === q.seg;
        if (!same) throw new HttpError(400, 'compare: the saved view is of another page, map or width segment');
        base = view;
      } else {
        throw new HttpError(400, 'compare: view:<id> or previous');
      }
      const map = await store.snapshot(query);
      const answer: HeatmapCompare = {
        ...map,
        compare: {
          against: against === 'previous' ? 'previous' : 'view',
          ...(base.name !== undefined ? { id: against.slice(5), name: base.name, savedAt: base.savedAt } : {}),
          from: base.from,
          to: base.to,
          total: base.total,
          diff: diffHeatmaps(map, base),
        },
      };
      sendJson(res, 200, answer);
    },
  };
}
export type ViewsApi = ReturnType<typeof createViewsApi>;
