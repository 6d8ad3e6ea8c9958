import type { HeatmapCompare, SavedView, ShareCreated, ShareGrant, ViewList } from '@heatlens/schema';

/** A failed call: the collector's `{error}` and the status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Call the collector with a bearer token (a read token, or a link's); JSON in, JSON out. */
export async function api<T>(token: string, route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(route, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The map a view or comparison is of. */
export type Target = { site: string; path: string; kind: string; seg: string; window: string };
const query = (t: Target, extra: Record<string, string> = {}) => new URLSearchParams({ ...t, ...extra }).toString();

/** The saved-views and links routes, for one token. */
export function savedApi(token: string) {
  return {
    list: (t: Target) => api<ViewList>(token, `/api/views?${new URLSearchParams({ site: t.site, path: t.path })}`),
    save: (t: Target, name: string, captureId?: string) =>
      api<{ id: string }>(token, '/api/views', { method: 'POST', body: { ...t, name, captureId } }),
    get: (id: string) => api<SavedView>(token, `/api/views/${encodeURIComponent(id)}`),
    remove: (id: string) => api<void>(token, `/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    previous: (t: Target) => api<HeatmapCompare>(token, `/api/heatmap?${query(t, { compare: 'previous' })}`),
    share: (body: object) => api<ShareCreated>(token, '/api/shares', { method: 'POST', body }),
    shares: (site: string) => api<{ shares: ShareGrant[] }>(token, `/api/shares?site=${encodeURIComponent(site)}`),
    revoke: (id: string) => api<void>(token, `/api/shares/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/** A page capture as `/api/captures` lists it (the fields drawing needs). */
type CaptureInfo = { id: string; seg: string; width: number; height: number; takenAt: number };

/**
 * The picture to draw a page's map over: capture `preferId` if given, else the newest of the
 * segment (any segment for `all`). Undefined when the page has none, or the collector keeps none.
 */
export async function loadCapture(
  token: string,
  t: Pick<Target, 'site' | 'path' | 'seg'>,
  preferId?: string | null,
): Promise<{ id: string; width: number; height: number; image: ImageBitmap } | undefined> {
  try {
    const { captures } = await api<{ captures: CaptureInfo[] }>(
      token,
      `/api/captures?${new URLSearchParams({ site: t.site, path: t.path })}`,
    );
    const pick =
      captures.find((c) => c.id === preferId) ?? captures.find((c) => t.seg === 'all' || c.seg === t.seg) ?? undefined;
    if (!pick) return undefined;
    const res = await fetch(`/api/captures/${encodeURIComponent(pick.id)}/image`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return undefined;
    return { id: pick.id, width: pick.width, height: pick.height, image: await createImageBitmap(await res.blob()) };
  } catch {
    return undefined;
  }
}
