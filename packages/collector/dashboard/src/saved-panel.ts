import { diffHeatmaps, type HeatDiff, type Heatmap, type SavedView, type ViewSummary } from '@heatlens/schema';
import { drawDiffOver, drawHeatOver, exportPng, type Backdrop } from './capture-map.js';
import { elementsTable } from './compare-table.js';
import { byId, h } from './dom.js';
import { formatClock, formatCount, formatWindow } from './format.js';
import { loadCapture, savedApi, type Target } from './saved-api.js';
import { savedControls } from './saved-controls.js';
import { showShareLink } from './share-link.js';

/** How often a comparison with the previous period is asked for again while the live side moves (ms). */
const PREVIOUS_REFRESH_MS = 2000;
/** Page width drawn without a capture, per width segment (CSS px). */
const BLANK_WIDTH: Record<string, number> = { s: 390, m: 1000, l: 1280, all: 1280 };

type Mode =
  | { kind: 'view'; view: SavedView }
  | { kind: 'previous'; at: number; diff?: HeatDiff; label: string }
  | { kind: 'show'; view: SavedView };

/**
 * The page view's saved views, comparisons and links: "Save view" (a name typed by the owner),
 * the page's saved views (compare, show, share, PNG, delete), "Compare with the previous period",
 * "Share the live map", and the figure they draw over the page's capture. A comparison stays live:
 * `frame` gets every live map of the page view, and the "now" side is redrawn from it.
 */
export function createSavedPanel() {
  const root = byId('saved');
  let target: Target | undefined;
  let token = '';
  let live: Heatmap | undefined;
  let mode: Mode | undefined;
  let backdrop: Backdrop | undefined;
  let captureId: string | undefined;
  let previousBusy = false;
  const api = () => savedApi(token);
  const status = h('p', { class: 'muted', id: 'saved-status', role: 'status' });
  const nameInput = h('input', {
    id: 'saved-name',
    placeholder: 'Name this view, e.g. "before the new button"',
    maxlength: 120,
  });
  const list = h('ul', { id: 'saved-list', class: 'saved-list' });
  const figure = h('figure', { class: 'compare', id: 'compare', hidden: true });
  const shareOut = h('div', { id: 'share-out', class: 'share-out', hidden: true });
  const say = (text: string) => (status.textContent = text);
  const fail = (e: unknown) => say(e instanceof Error ? e.message : String(e));

  const blank = (m: { rows: number; rowPx: number }): Backdrop => ({
    width: BLANK_WIDTH[target?.seg ?? 'all'] ?? 1280,
    height: Math.max(600, m.rows * m.rowPx + 40),
  });

  function drawFigure() {
    if (!mode || !target) return;
    const canvas = h('canvas', { id: 'compare-canvas', 'aria-label': 'Comparison over the page' });
    const caption = h('figcaption');
    const buttons = h('p', { class: 'saved-actions' });
    let title = '';
    if (mode.kind === 'show') {
      const v = mode.view;
      title = `${v.name} · ${formatCount(v.total)} · saved ${formatClock(v.savedAt)}`;
      drawHeatOver(canvas, backdrop ?? blank(v), v, title);
      caption.append(`Saved view "${v.name}": ${formatWindow(v.windowMs)} up to ${formatClock(v.to)}.`);
    } else {
      const base = mode.kind === 'view' ? mode.view : undefined;
      if (!live && mode.kind === 'view') return;
      const diff = mode.kind === 'view' ? diffHeatmaps(live!, mode.view) : mode.diff;
      if (!diff) return say('Comparing with the previous period…');
      const m = live ?? { grid: 50, rowPx: 20, rows: 0 };
      title = mode.kind === 'view' ? `Now vs "${mode.view.name}" (share, pp)` : `${mode.label} (share, pp)`;
      drawDiffOver(
        canvas,
        backdrop ?? blank({ rows: Math.max(m.rows, base?.rows ?? 0), rowPx: m.rowPx }),
        diff,
        m,
        title,
      );
      caption.append(
        diff.tiles.length + diff.fixed.length === 0
          ? 'No change: both maps have the same shares everywhere.'
          : `Orange: a larger share of ${live?.kind === 'move' ? 'cursor time' : 'clicks'} than before; ` +
              'blue: smaller. ' +
              `Now ${formatCount(diff.nowTotal)}, then ${formatCount(diff.thenTotal)}.`,
      );
      canvas.dataset.against = mode.kind === 'view' ? mode.view.name : 'previous';
      figure.replaceChildren(canvas, caption, elementsTable(diff), buttons);
    }
    buttons.append(
      h('button', { type: 'button', id: 'compare-png', onclick: () => exportPng(canvas, title) }, 'Export PNG'),
      h('button', { type: 'button', class: 'link', onclick: stop }, 'Close'),
    );
    if (mode.kind === 'show') figure.replaceChildren(canvas, caption, buttons);
    figure.hidden = false;
  }

  /** Draw over capture `id` (else the page's newest of the segment); a blank page when there is none. */
  async function useCapture(id?: string | null) {
    if (!target) return;
    const c = await loadCapture(token, target, id);
    backdrop = c;
    if (!id) captureId = c?.id;
  }

  function stop() {
    mode = undefined;
    figure.hidden = true;
    figure.replaceChildren();
  }

  async function refreshPrevious() {
    if (mode?.kind !== 'previous' || !target || previousBusy || Date.now() - mode.at < PREVIOUS_REFRESH_MS) return;
    previousBusy = true;
    try {
      const r = await api().previous(target);
      if (mode?.kind === 'previous') {
        mode = {
          ...mode,
          at: Date.now(),
          diff: r.compare.diff,
          label: `Now vs ${formatClock(r.compare.from)}–${formatClock(r.compare.to)}`,
        };
        drawFigure();
      }
    } catch (e) {
      fail(e);
      stop();
    } finally {
      previousBusy = false;
    }
  }

  async function share(body: object, what: string) {
    const days = Number(byId<HTMLSelectElement>('share-days').value);
    const s = await api().share({ ...body, expiresInDays: days });
    showShareLink(shareOut, s, what, () => api().revoke(s.id), fail);
  }

  function row(v: ViewSummary) {
    const act = (label: string, name: string, fn: () => Promise<unknown>) =>
      h('button', { type: 'button', 'data-act': name, onclick: () => void fn().catch(fail) }, label);
    return h(
      'li',
      { 'data-id': v.id },
      h('strong', {}, v.name),
      ` · ${v.kind}, ${v.seg === 'all' ? 'all widths' : v.seg}, ${v.window} · ${formatCount(v.total)}` +
        ` · ${formatClock(v.savedAt)} `,
      act('Compare with now', 'compare', async () => {
        const view = await api().get(v.id);
        await useCapture(); // "now" is drawn over the page as it is now: its newest capture
        mode = { kind: 'view', view };
        drawFigure();
      }),
      act('Show', 'show', async () => {
        const view = await api().get(v.id);
        await useCapture(view.captureId); // a saved view over the capture it was saved with
        mode = { kind: 'show', view };
        drawFigure();
      }),
      act('Share', 'share', () => share({ viewId: v.id }, `"${v.name}"`)),
      act('Delete', 'delete', async () => {
        await api().remove(v.id);
        if ((mode?.kind === 'view' || mode?.kind === 'show') && mode.view.id === v.id) stop();
        await reload();
      }),
    );
  }

  async function reload() {
    if (!target) return;
    const { views } = await api().list(target);
    list.replaceChildren(...views.map(row));
    if (!views.length) list.append(h('li', { class: 'muted' }, 'No saved views of this page yet.'));
  }

  root.replaceChildren(
    ...savedControls(nameInput, {
      save: (e: Event) => {
        e.preventDefault();
        const name = nameInput.value.trim();
        if (!name || !target) return say('Type a name for the view first.');
        void api()
          .save(target, name, captureId)
          .then(() => {
            nameInput.value = '';
            say(`Saved "${name}".`);
            return reload();
          })
          .catch(fail);
      },
      comparePrevious: () => {
        mode = { kind: 'previous', at: 0, label: 'Now vs the period before' };
        void refreshPrevious();
      },
      shareLive: () => target && void share({ ...target }, 'the live map of this page').catch(fail),
    }),
    status,
    list,
    shareOut,
    figure,
  );

  return {
    /** A page was opened (or its map, segment or window changed): list its views, find its capture. */
    show(t: Target, readToken: string) {
      const changed = JSON.stringify(t) !== JSON.stringify(target);
      token = readToken;
      if (!changed) return;
      target = t;
      live = undefined;
      stop();
      shareOut.hidden = true;
      backdrop = undefined;
      captureId = undefined;
      void reload().catch(fail);
      void useCapture();
    },
    /** The page view's live map: the "now" side of a comparison moves with it. */
    frame(map: Heatmap) {
      live = map;
      if (mode?.kind === 'view') drawFigure();
      else if (mode?.kind === 'previous') void refreshPrevious();
    },
  };
}
