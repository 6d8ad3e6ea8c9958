import { WINDOW_LABELS, type ViewWindow } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { widthsNote } from '@heatlens/heat/mix-widths';
import { openLive, typeFrame } from '@heatlens/schema/live-client';
import { viewsBySegment, type Capture } from './capture-api.js';
import { byId, h } from './dom.js';
import { alertedClicks, nameOf, rememberNames } from './element-names.js';
import { placeTip, renderTip, tipFigures } from './element-tip.js';
import { composeView, downloadPng, pngName, type PngLegend } from './export-png.js';
import { formatClock, formatCount, formatWindow, scaleText } from './format.js';
import { createCaptureSource } from './page-capture.js';
import { elementAt, geometryOf } from './page-geometry.js';
import { createPageStage } from './page-stage.js';
import { createOwnWidthFeed } from './page-widths.js';
import { renderSourcesPanel } from './sources-panel.js';
import { renderStatsPanel } from './stats-panel.js';
import { createSavedPanel } from './saved-panel.js';

/** What the page view shows: one page of one site, a heatmap kind, a window and a width segment. */
export type PageViewState = { site: string; path: string; kind: string; window: string; seg: string; token: string };

const NOUN: Record<string, string> = { move: 'cursor moves', click: 'clicks', scroll: 'visitors who scrolled' };
const MAP: Record<string, string> = { move: 'Cursor moves', click: 'Clicks', scroll: 'Scroll reach' };

/** How the width segment reads in the note and the legend: for "all widths", the capture's segment. */
function segText(seg: string, capture: Capture | undefined): string {
  if (seg !== 'all') return `width ${seg}`;
  return capture ? `all widths (tiles of width ${capture.seg}, the picture's)` : 'all widths';
}

/**
 * The page view: its own `/live` socket for (page, kind, window, seg) and the heat drawn by
 * `@heatlens/heat` over the page's capture of that width segment (`GET /api/captures`), or over a
 * grey page of the segment's width until one is taken; the page's full numbers beside it, from
 * the same `snapshot` frames. `show` resubscribes when anything changes; `close` hides it and
 * closes the socket. The header's status follows the pages feed only.
 */
export function createPageView(): { show(state: PageViewState): void; close(): void } {
  const root = byId('page-view');
  const labels = byId<HTMLCanvasElement>('heatmap');
  const meta = byId('heatmap-meta');
  const note = byId('capture-note');
  const stats = byId('page-stats');
  const tip = byId('heat-tip');
  const stage = createPageStage();
  const captures = createCaptureSource(() => last && render(last));
  let live: { close(): void } | undefined;
  let current: PageViewState | undefined;
  const saved = createSavedPanel();
  let last: SnapshotMessage | undefined;
  let shown: Capture | undefined;
  // "All widths": the picture's width's tiles only, every width's clicks on their elements.
  const own = createOwnWidthFeed(
    () => current?.token ?? '',
    () => last && render(last),
  );

  const picture = (msg: SnapshotMessage) => {
    const s = current!;
    const picked = captures.pick(s.seg, viewsBySegment(msg.stats.sources.screens));
    shown = picked?.capture;
    if (shown)
      rememberNames(
        s.site,
        s.path,
        shown.elements,
        captures.all().map((c) => c.elements),
      );
    stage.show(geometryOf(shown, msg), picked?.url);
    note.replaceChildren(
      shown
        ? `Over the page as captured ${new Date(shown.takenAt).toLocaleString()} at ${shown.width} px` +
            (s.seg === 'all' ? `: width ${shown.seg}, whose tiles are drawn.` : '.')
        : captures.listed()
          ? 'No picture of this page yet: open the page with the heatlens extension, or use "Save this page ' +
            'for the dashboard" in its popup. Until then the heat is drawn on a plain page.'
          : 'Looking for a picture of this page…',
    );
  };

  const render = (msg: SnapshotMessage) => {
    last = msg;
    const s = current!;
    byId('page-title').textContent = msg.path;
    if (msg.path !== s.path) byId('page-route').textContent = `(counts every page matching ${msg.path})`;
    picture(msg);
    const { g } = stage.current();
    own.want(s.seg === 'all' ? s : null, g?.width ?? 0);
    const drawn = own.mix(msg);
    if (drawn) stage.draw(drawn);
    const widthsText = drawn ? widthsNote(drawn.widths, msg.kind) : '';
    labels.dataset.widths = drawn?.widths ? drawn.widths.seg : '';
    labels.dataset.total = String(msg.total);
    labels.dataset.kind = msg.kind;
    saved.frame(msg);
    meta.replaceChildren(
      msg.total
        ? `${formatCount(msg.total)} ${NOUN[msg.kind] ?? msg.kind} · ${formatWindow(msg.windowMs)} ` +
            `(${formatClock(msg.from)} – ${formatClock(msg.to)})` +
            (widthsText ? ' · ' : '')
        : h(
            'span',
            { class: 'empty-note' },
            `No ${NOUN[msg.kind] ?? msg.kind} on this page in the ${formatWindow(msg.windowMs)}. Open the page ` +
              `in a browser, or run \`pnpm simulate\`.`,
          ),
      ...(msg.total && widthsText ? [h('span', { id: 'heat-widths', class: 'widths-note' }, widthsText)] : []),
    );
    stats.replaceChildren(
      renderStatsPanel(msg.stats, { nameOf: (sel) => nameOf(s.site, s.path, sel) }),
      h('h3', {}, 'Sources'),
      renderSourcesPanel(msg.stats.sources, { views: msg.stats.views }),
    );
  };

  stage.onHover((g, at) => {
    const el = at && elementAt(g, at.x, at.y);
    if (!el || !at || !current) return void (tip.hidden = true);
    const clicks =
      last?.elements?.find((e) => e.sel === el.sel)?.count ??
      Number(last?.stats.selectors.find((x) => x.sel === el.sel)?.count ?? 0);
    tip.replaceChildren(
      ...renderTip(el, tipFigures(last, el.sel, clicks, alertedClicks(current.site, current.path, el.sel))),
    );
    tip.hidden = false;
    placeTip(tip, tip.parentElement!, at.clientX, at.clientY);
  });

  byId('heat-png').addEventListener('click', () => {
    const { g, image, snap } = stage.current();
    if (!g || !snap || !current) return;
    const legend: PngLegend = {
      site: current.site,
      page: snap.path,
      map: MAP[snap.kind] ?? snap.kind,
      window: WINDOW_LABELS[current.window as ViewWindow] ?? formatWindow(snap.windowMs),
      seg: segText(current.seg, shown),
      samples: formatCount(snap.total),
      scale: snap.kind === 'scroll' ? '0 % → 100 % of sessions' : scaleText(snap.max),
      date: new Date(snap.to || Date.now()),
    };
    const canvas = composeView(g, { image, ...stage.canvases() }, legend);
    downloadPng(canvas, pngName(legend)).catch((e: Error) => (meta.textContent = e.message));
  });

  return {
    show(state) {
      const same = current && JSON.stringify(current) === JSON.stringify(state);
      if (same) return;
      live?.close();
      own.close();
      current = state;
      last = undefined;
      root.hidden = false;
      const { site, path, kind, seg, window } = state;
      saved.show({ site, path, kind, seg, window }, state.token);
      tip.hidden = true;
      byId('page-title').textContent = state.path;
      byId('page-route').textContent = '';
      meta.textContent = 'Connecting…';
      captures.load(state.site, state.path, state.token);
      live = openLive({
        base: location.href,
        query: { site: state.site, path: state.path, kind: state.kind, window: state.window, seg: state.seg },
        token: state.token,
        parse: typeFrame,
        // heatlens.v2: per hop only what changed (a long page's frame is mostly tiles that held).
        deltas: true,
        onMessage: (msg) => {
          if (msg.type === 'snapshot') render(msg);
          else if (msg.type === 'error') meta.textContent = `The collector refused this view: ${msg.error}`;
        },
      });
    },
    close() {
      live?.close();
      live = undefined;
      own.close();
      current = undefined;
      last = undefined;
      captures.close();
      root.hidden = true;
    },
  };
}
