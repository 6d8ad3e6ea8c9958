import type { SaveViewRequest } from '@heatlens/schema/views';
import { CollectorError } from '../api.js';
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
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${config.token}`, 'Content-Type': 'application/json' },
    });
  } catch {
    throw new CollectorError(`Cannot reach the collector at ${url.origin}.`);
  }
  const why = async () => ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? '';
  if (res.status === 401) throw new CollectorError('The collector refused the read token.');
  if (res.status === 403) throw new CollectorError('The read token may not save views of this site.');
  if (res.status === 404) throw new CollectorError('This collector does not keep saved views yet.');
  if (!res.ok) throw new CollectorError(`The collector answered ${res.status} to the view. ${await why()}`.trim());
  const id = ((await res.json().catch(() => null)) as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw new CollectorError('The collector sent an unexpected /api/views answer.');
  return id;
}
