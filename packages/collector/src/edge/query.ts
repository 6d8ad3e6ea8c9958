import { KINDS, pageKey, SEGMENTS, WINDOWS, type Kind, type SegmentFilter, type WindowName } from '@heatlens/schema';
import { OTHER_PAGE } from '../core/other-page.js';
import { checkWindowKept } from './window-kept.js';
import type { Retention } from '../core/retention.js';
import { HttpError } from './respond.js';

/**
 * Query parameters shared by the read routes and /live, checked once. Given the site read, a
 * window past its retention is a 400 naming `retentionDays` (core/retention.ts).
 */
export function readQuery(params: URLSearchParams, site?: { id: string } & Retention) {
  const window = (params.get('window') ?? '5m') as WindowName;
  if (!Object.hasOwn(WINDOWS, window)) throw new HttpError(400, `window: one of ${Object.keys(WINDOWS).join(', ')}`);
  if (site) checkWindowKept(site, window);
  const kind = (params.get('kind') ?? 'move') as Kind;
  if (!KINDS.includes(kind)) throw new HttpError(400, `kind: one of ${KINDS.join(', ')}`);
  const seg = (params.get('seg') ?? 'all') as SegmentFilter;
  if (seg !== 'all' && !SEGMENTS.includes(seg)) throw new HttpError(400, 'seg: one of all, s, m, l');
  let path = params.get('path');
  // `(other)` is the page past a site's page cap (page-cap.ts): readable like any other. Any
  // other path is asked for under the key the SDK recorded it with (schema's `pageKey`: long
  // paths become a bounded prefix plus a hash, so the real path of a long page is readable).
  if (path !== null && path !== OTHER_PAGE) {
    if (!path.startsWith('/')) throw new HttpError(400, 'path: must start with /');
    path = pageKey(path);
  }
  const limit = Number(params.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'limit: an integer from 1 to 500');
  return { window, kind, seg, path, limit };
}
