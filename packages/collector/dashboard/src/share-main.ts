import type { Heatmap, SavedView, ShareGrant } from '@heatlens/schema';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { openLive, typeFrame } from '@heatlens/schema/live-client';
import { drawHeatOver, type Backdrop } from './capture-map.js';
import { byId } from './dom.js';
import { formatClock, formatCount, formatWindow } from './format.js';
import { ApiError, api, loadCapture } from './saved-api.js';

// The shared page (GET /share/ID#<token>): the capture, the heat and the legend, nothing else.
// The link's token is read from the URL fragment, which the browser never sends: it reaches the
// collector only as a bearer token (or the /live subprotocol), never in a URL it logs.

const BLANK_WIDTH: Record<string, number> = { s: 390, m: 1000, l: 1280, all: 1280 };
const canvas = byId<HTMLCanvasElement>('shared-map');
const caption = byId('shared-caption');

function say(text: string, state: string) {
  caption.textContent = text;
  document.body.dataset.state = state;
}

function draw(map: Heatmap, b: Backdrop | undefined, title: string) {
  const backdrop = b ?? { width: BLANK_WIDTH[map.seg] ?? 1280, height: Math.max(600, map.rows * map.rowPx + 40) };
  drawHeatOver(canvas, backdrop, map, title);
  canvas.hidden = false;
}

async function main() {
  const token = location.hash.slice(1);
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  if (!token) return say('This link is incomplete: the part after # is missing.', 'invalid');
  let grant: ShareGrant;
  try {
    grant = await api<ShareGrant>(token, `/api/shares/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return say('This link was revoked or has expired.', 'gone');
    return say('This link is not valid.', 'invalid');
  }
  if (grant.viewId !== undefined) {
    const view = await api<SavedView>(token, `/api/views/${encodeURIComponent(grant.viewId)}`);
    const capture = await loadCapture(token, view, view.captureId);
    document.title = `${view.name} · heatlens`;
    draw(view, capture, `${view.name} · ${formatCount(view.total)}`);
    return say(
      `"${view.name}": ${view.path}, ${formatWindow(view.windowMs)} up to ${formatClock(view.to)} ` +
        `(saved ${new Date(view.savedAt).toLocaleString()}).`,
      'view',
    );
  }
  const capture = await loadCapture(token, grant);
  document.title = `${grant.path} live · heatlens`;
  say('Connecting…', 'connecting');
  const live = openLive({
    base: location.href,
    query: { site: grant.site, path: grant.path, kind: grant.kind, window: grant.window, seg: grant.seg },
    token,
    parse: typeFrame,
    onMessage: (msg) => {
      if (msg.type !== 'snapshot') return;
      const m = msg as SnapshotMessage;
      draw(m, capture, `${m.path} · live · ${formatCount(m.total)}`);
      say(`${m.path}: live, the last ${formatWindow(m.windowMs)} (to ${formatClock(m.to)}).`, 'live');
    },
  });
  // A revoked or expired link's socket is closed by the collector; say so and stop reconnecting.
  const check = setInterval(() => {
    void api(token, `/api/shares/${encodeURIComponent(id)}`).catch((e) => {
      if (e instanceof ApiError && e.status === 404) {
        clearInterval(check);
        live.close();
        canvas.hidden = true;
        say('This link was revoked or has expired.', 'gone');
      }
    });
  }, 5000);
}

void main().catch((e) => say(`Could not load this map: ${e instanceof Error ? e.message : String(e)}`, 'error'));
