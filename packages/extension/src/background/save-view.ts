import type { SaveViewRequest } from '@heatlens/schema/views';
import { CollectorError, postToCollector } from '../api.js';
import type { OverlayState } from '../settings.js';
import type { CollectorConfig } from '../storage.js';

/**
 * Freeze the map a tab's overlay shows now (site, page, kind, width, window) as a saved view named
 * `name`: `POST /api/views` with the read token. Resolves with the view's id; a `CollectorError`
 * saying why otherwise (token refused, the collector's limit, an old collector without views).
 */
export async function saveView(
  config: CollectorConfig,
  state: Pick<OverlayState, 'site' | 'path' | 'settings'>,
  name: string,
): Promise<string> {
  const { kind, seg, window } = state.settings;
  const body: SaveViewRequest = { site: state.site, path: state.path, kind, seg, window, name };
  const url = new URL('/api/views', config.collectorUrl);
  const res = await postToCollector(
    config,
    url,
    JSON.stringify(body),
    'the view',
    {
      403: 'The read token may not save views of this site.',
      404: 'This collector does not keep saved views yet.',
    },
    { 'Content-Type': 'application/json' },
  );
  const id = ((await res.json().catch(() => null)) as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw new CollectorError('The collector sent an unexpected /api/views answer.');
  return id;
}
