import { readQuery } from '../edge/query.js';
import { HttpError } from '../edge/respond.js';
import type { ShareRecord } from '../edge/share-auth.js';
import type { SiteRegistry } from '../sites.js';
import type { Subscription } from './feeds.js';

/**
 * The /live subscription a link's token may open: exactly its page's live map (site, page, kind,
 * segment, window as the link names them); 403 for anything else, a saved view's link included
 * (a frozen map has no feed).
 */
export function shareSubscription(share: ShareRecord, sites: SiteRegistry, params: URLSearchParams): Subscription {
  const site = sites.get(share.site);
  const q = readQuery(params, site);
  const mine =
    share.viewId === undefined &&
    site !== undefined &&
    params.get('site') === share.site &&
    q.path !== null &&
    sites.routeOf(site, q.path) === share.path &&
    q.kind === share.kind &&
    q.seg === share.seg &&
    q.window === share.window;
  if (!mine || share.viewId !== undefined) throw new HttpError(403, 'share: this link reads only its own view');
  return { site: share.site, path: share.path, kind: share.kind, seg: share.seg, window: share.window };
}
