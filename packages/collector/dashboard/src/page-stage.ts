import type { SnapshotMessage } from '@heatlens/schema/live';
import { byId } from './dom.js';
import { createHeatDrawer } from './draw-heatmap.js';
import type { PageGeometry } from './page-geometry.js';

/** Zoom steps of the − and + buttons, page px to CSS px. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2] as const;

/** A pointer over the stage: page px, and the client point it came from. */
export type HoverPoint = { x: number; y: number; clientX: number; clientY: number };

/** The page view's picture: capture, heat and labels, scrollable, zoomed to fit its width by default. */
export type PageStage = {
  /** show a geometry (a capture's, or a grey page) and its picture (an object URL; none: grey); `draw` next */
  show(g: PageGeometry, imageUrl: string | undefined): void;
  /** draw a snapshot over what is shown */
  draw(snap: SnapshotMessage): void;
  /** what is shown: the geometry, the picture (loaded) and the last snapshot */
  current(): { g: PageGeometry | undefined; image: HTMLImageElement | undefined; snap: SnapshotMessage | undefined };
  /** the heat canvas (page size at a quarter scale) and the labels canvas (display size) */
  canvases(): { heat: HTMLCanvasElement; labels: HTMLCanvasElement };
  /** page px of a point of the stage (null: the pointer left), for the hover card */
  onHover(fn: (g: PageGeometry, at: HoverPoint | null) => void): void;
};

/** The stage over `#heat-scroll`, `#heat-stage`, `#capture-img`, `#heatmap-heat` and `#heatmap` (index.html). */
export function createPageStage(): PageStage {
  const scroller = byId('heat-scroll');
  const stage = byId('heat-stage');
  const img = byId<HTMLImageElement>('capture-img');
  const heat = byId<HTMLCanvasElement>('heatmap-heat');
  const labels = byId<HTMLCanvasElement>('heatmap');
  const level = byId('zoom-level');
  const fitButton = byId('zoom-fit');
  const drawer = createHeatDrawer({ heat, labels });
  let g: PageGeometry | undefined;
  let snap: SnapshotMessage | undefined;
  let fit = true;
  let zoom = 1;
  let hover: Parameters<PageStage['onHover']>[0] = () => {};

  const fitZoom = () => (g ? Math.max(0.05, (scroller.clientWidth || g.width) / g.width) : 1);
  const layout = () => {
    if (!g) return;
    if (fit) zoom = fitZoom();
    stage.style.width = `${Math.round(g.width * zoom)}px`;
    stage.style.height = `${Math.round(g.height * zoom)}px`;
    level.textContent = `${Math.round(zoom * 100)} %`;
    fitButton.setAttribute('aria-pressed', String(fit));
  };
  const redraw = () => {
    layout();
    if (g && snap) drawer.draw(snap, g, zoom * (window.devicePixelRatio || 1));
  };
  const step = (dir: 1 | -1) => {
    const up = ZOOM_STEPS.find((z) => z > zoom + 1e-3) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
    const down = [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-3) ?? ZOOM_STEPS[0];
    fit = false;
    zoom = dir > 0 ? up : down;
    redraw();
  };
  fitButton.addEventListener('click', () => ((fit = true), redraw()));
  byId('zoom-in').addEventListener('click', () => step(1));
  byId('zoom-out').addEventListener('click', () => step(-1));
  // The panel's width follows the window (a phone turned, a sidebar opened): refit, then redraw.
  let lastWidth = 0;
  new ResizeObserver(() => {
    if (scroller.clientWidth === lastWidth) return;
    lastWidth = scroller.clientWidth;
    if (fit) redraw();
  }).observe(scroller);
  stage.addEventListener('mousemove', (e) => {
    if (!g) return;
    const r = stage.getBoundingClientRect();
    hover(g, { x: (e.clientX - r.left) / zoom, y: (e.clientY - r.top) / zoom, clientX: e.clientX, clientY: e.clientY });
  });
  stage.addEventListener('mouseleave', () => g && hover(g, null));

  return {
    show(next, imageUrl) {
      g = next;
      if (imageUrl) {
        if (img.src !== imageUrl) img.src = imageUrl;
        img.hidden = false;
      } else {
        img.removeAttribute('src');
        img.hidden = true;
      }
      stage.dataset.capture = next.capture?.id ?? '';
      // Laid out and drawn by the `draw` that follows.
    },
    draw(next) {
      snap = next;
      redraw();
    },
    current: () => ({ g, image: img.hidden || !img.complete ? undefined : img, snap }),
    canvases: () => ({ heat, labels }),
    onHover(fn) {
      hover = fn;
    },
  };
}
