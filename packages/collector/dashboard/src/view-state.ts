import { KINDS, SEGMENT_FILTERS, VIEW_WINDOWS } from '@heatlens/schema/constants';

/** What the owner is looking at; kept in the URL fragment so a reload or a shared link reopens it. */
export type ViewState = { site: string; window: string; path: string; kind: string; seg: string };

const KEYS = ['site', 'window', 'path', 'kind', 'seg'] as const;
const ALLOWED: Partial<Record<keyof ViewState, readonly string[]>> = {
  window: VIEW_WINDOWS,
  kind: KINDS,
  seg: SEGMENT_FILTERS,
};

/** The view named in `location.hash` (`#site=demo&path=/guide&kind=scroll`), unknown values dropped. */
export function readViewState(): Partial<ViewState> {
  const params = new URLSearchParams(location.hash.slice(1));
  const out: Partial<ViewState> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v !== null && (ALLOWED[k]?.includes(v) ?? true)) out[k] = v;
  }
  return out;
}

/** Put the view in the fragment without a history entry; empty `path` and defaults are left out. */
export function writeViewState(state: ViewState): void {
  const params = new URLSearchParams();
  params.set('site', state.site);
  if (state.window !== '5m') params.set('window', state.window);
  if (state.path) {
    params.set('path', state.path);
    if (state.kind !== 'click') params.set('kind', state.kind);
    if (state.seg !== 'all') params.set('seg', state.seg);
  }
  history.replaceState(null, '', `${location.pathname}${location.search}#${params.toString()}`);
}
