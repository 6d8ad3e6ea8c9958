import type { SnapshotMessage } from '@heatlens/schema/live';
import { openLive, typeFrame } from '@heatlens/schema/live-client';
import { byId, h } from './dom.js';
import { drawHeatmap } from './draw-heatmap.js';
import { formatClock, formatCount, formatWindow } from './format.js';
import { renderSourcesPanel } from './sources-panel.js';
import { renderStatsPanel } from './stats-panel.js';
import { createSavedPanel } from './saved-panel.js';

/** What the page view shows: one page of one site, a heatmap kind, a window and a width segment. */
export type PageViewState = { site: string; path: string; kind: string; window: string; seg: string; token: string };

const NOUN: Record<string, string> = { move: 'cursor moves', click: 'clicks', scroll: 'visitors who scrolled' };

/**
 * The page view: its own `/live` socket for (page, kind, window, seg), a heatmap canvas and
 * the page's full numbers, both drawn from the same `snapshot` frames. `show` resubscribes
 * when anything changes; `close` hides it and closes the socket. The header's status follows the
 * pages feed only: one indicator for two sockets to the same collector.
 */
export function createPageView(): { show(state: PageViewState): void; close(): void } {
  const root = byId('page-view');
  const canvas = byId<HTMLCanvasElement>('heatmap');
  const meta = byId('heatmap-meta');
  const stats = byId('page-stats');
  let live: { close(): void } | undefined;
  let current: PageViewState | undefined;
  const saved = createSavedPanel();

  const render = (msg: SnapshotMessage) => {
    byId('page-title').textContent = msg.path;
    if (current && msg.path !== current.path)
      byId('page-route').textContent = `(counts every page matching ${msg.path})`;
    drawHeatmap(canvas, msg);
    saved.frame(msg);
    canvas.dataset.total = String(msg.total);
    canvas.dataset.kind = msg.kind;
    meta.replaceChildren(
      msg.total
        ? `${formatCount(msg.total)} ${NOUN[msg.kind] ?? msg.kind} · ${formatWindow(msg.windowMs)} ` +
            `(${formatClock(msg.from)} – ${formatClock(msg.to)})`
        : h(
            'span',
            { class: 'empty-note' },
            `No ${NOUN[msg.kind] ?? msg.kind} on this page in the ${formatWindow(msg.windowMs)}. Open the page ` +
              `in a browser, or run \`pnpm simulate\`.`,
          ),
    );
    stats.replaceChildren(
      renderStatsPanel(msg.stats),
      h('h3', {}, 'Sources'),
      renderSourcesPanel(msg.stats.sources, { views: msg.stats.views }),
    );
  };

  return {
    show(state) {
      const same = current && JSON.stringify(current) === JSON.stringify(state);
      if (same) return;
      live?.close();
      current = state;
      root.hidden = false;
      const { site, path, kind, seg, window } = state;
      saved.show({ site, path, kind, seg, window }, state.token);
      byId('page-title').textContent = state.path;
      byId('page-route').textContent = '';
      meta.textContent = 'Connecting…';
      live = openLive({
        base: location.href,
        query: { site: state.site, path: state.path, kind: state.kind, window: state.window, seg: state.seg },
        token: state.token,
        parse: typeFrame,
        onMessage: (msg) => {
          if (msg.type === 'snapshot') render(msg);
          else if (msg.type === 'error') meta.textContent = `The collector refused this view: ${msg.error}`;
        },
      });
    },
    close() {
      live?.close();
      live = undefined;
      current = undefined;
      root.hidden = true;
    },
  };
}
