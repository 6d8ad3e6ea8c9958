import type { WindowState } from '../store/window-state.js';
import type { FeedState, Kind, SegmentFilter, WindowName } from '@heatlens/schema';
import type { WebSocket } from 'ws';
import { textFrame, writeFrame } from './text-frame.js';

/** What one /live socket watches: a page's map (`path` set) or its site's pages. */
export type Subscription =
  | { site: string; path: string; kind: Kind; seg: SegmentFilter; window: WindowName }
  | { site: string; path?: undefined; window: WindowName };

/**
 * Viewers of one (page, kind, segment, window): they all share one serialised frame per hop.
 * `sockets` holds every viewer, `delta` those of them speaking `heatlens.v2` (page-frames.ts).
 */
export type PageFeed = {
  kind: Kind;
  seg: SegmentFilter;
  sockets: Set<WebSocket>;
  /** the `heatlens.v1` full frame of `state`, serialised once when first asked for */
  payload?: string;
  delta: Set<WebSocket>;
  /** the last snapshot read, with its stats: the base of the next delta */
  state?: FeedState;
  /** `heatlens.v2` sequence number of `state` */
  seq: number;
  /** the `heatlens.v2` full frame of `state` (with `seq`), serialised once when first asked for */
  full?: string;
  /** the window's members kept from the store's changes (feed-window.ts) */
  window?: WindowState;
};

/** Feeds of one page window: advanced once per hop, read only when its change tag moved. */
export type PageGroup = {
  site: string;
  path: string;
  window: WindowName;
  changeTag?: string;
  feeds: Map<string, PageFeed>;
  watchedAt: number;
};

/** Viewers of a site's live pages table. */
export type SiteFeed = { site: string; window: WindowName; sockets: Set<WebSocket>; payload?: string; at: number };

/**
 * Past this much unsent data a viewer is skipped for a hop (it gets the next frame once it has
 * read); past 4x it is dropped as too slow. 5,000 sockets at the bound would hold 1.25 GB, so a
 * socket may not stay behind either (STUCK_MS).
 */
export const MAX_BUFFERED = 256 * 1024;
/**
 * A viewer whose unsent data stays above MAX_BUFFERED this long is closed, whatever it answers to
 * pings (a client that sends pongs but never reads kept 1 MB each for good: 200 of them took the
 * hub from 78 to 413 MB).
 */
export const STUCK_MS = 5000;

const behindSince = new WeakMap<WebSocket, number>();

/**
 * Whether a socket has been behind (above MAX_BUFFERED) for STUCK_MS at `now`; it is marked behind
 * from the first call that finds it so, and forgiven once it is below.
 */
export function stuck(ws: WebSocket, now: number): boolean {
  if (ws.bufferedAmount <= MAX_BUFFERED) {
    behindSince.delete(ws);
    return false;
  }
  const since = behindSince.get(ws) ?? now;
  behindSince.set(ws, since);
  return ws.bufferedAmount > 4 * MAX_BUFFERED || now - since >= STUCK_MS;
}

/**
 * Send one serialised frame to every open socket of a feed that has had its first frame. The
 * frame is encoded to UTF-8 once, on the first socket that takes it (a string would be re-encoded
 * per socket: for a long page's ~100 kB frame, 1,000 viewers meant 100 MB of encoding per hop),
 * and framed once (`textFrame`): each socket gets the same Buffer in one write, not ws's header
 * built per socket and two corked writes (1,000 small frames: 147 against 258 ms on a loaded
 * machine). A socket whose wire is not known is sent the Buffer through ws.
 * Sockets in `skip` are passed over (a feed's `heatlens.v2` viewers when its full frame goes out).
 */
export function broadcast(
  sockets: Iterable<WebSocket>,
  payload: string,
  ready: WeakSet<WebSocket>,
  now = Date.now(),
  skip?: ReadonlySet<WebSocket>,
) {
  let data: Buffer | undefined;
  let frame: Buffer | undefined;
  for (const ws of sockets) {
    if (ws.readyState !== ws.OPEN || !ready.has(ws) || skip?.has(ws)) continue;
    if (ws.bufferedAmount <= MAX_BUFFERED) {
      behindSince.delete(ws);
      data ??= Buffer.from(payload);
      if (!writeFrame(ws, (frame ??= textFrame(data)))) ws.send(data, TEXT);
    } else if (stuck(ws, now)) ws.terminate();
  }
}

/** ws send options for a Buffer that carries text: a text frame, never compressed (deflate is off for /live). */
const TEXT = { binary: false, compress: false } as const;
