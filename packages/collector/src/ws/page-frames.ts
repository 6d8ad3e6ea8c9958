import { diffSnapshot, type DeltaMessage, type FeedState, type LiveClientMessage } from '@heatlens/schema';
import type { RawData, WebSocket } from 'ws';
import { broadcast, MAX_BUFFERED, type PageFeed } from './feeds.js';

// The frames of one page feed: `heatlens.v1` viewers get the full snapshot each hop it changed,
// `heatlens.v2` viewers the full snapshot once (and on `resync`), then deltas. Each frame is
// serialised once per feed and the same string goes to every viewer of its protocol.

/**
 * What changed in a feed between two hops, as the `delta` numbered `seq` (null: nothing did). The
 * one place a delta is made: today the diff of the two snapshots read; a store that reports what
 * changed since the last hop can feed it instead, without the viewers' side changing.
 */
export function feedDelta(prev: FeedState, next: FeedState, seq: number): DeltaMessage | null {
  return diffSnapshot(prev, next, seq);
}

/** The feed's `heatlens.v1` frame (no `seq`: today's shape), serialised once per state. */
export function v1Frame(feed: PageFeed): string | undefined {
  if (!feed.state) return undefined;
  return (feed.payload ??= JSON.stringify({ type: 'snapshot', ...feed.state }));
}

/** The feed's `heatlens.v2` full frame (with `seq`), serialised once per state, when first asked for. */
export function v2Frame(feed: PageFeed): string | undefined {
  if (!feed.state) return undefined;
  return (feed.full ??= JSON.stringify({ type: 'snapshot', seq: feed.seq, ...feed.state }));
}

/** The frame a socket of the feed starts with (or resyncs to): its protocol's full frame. */
export const firstFrame = (feed: PageFeed, ws: WebSocket): string | undefined =>
  feed.delta.has(ws) ? v2Frame(feed) : v1Frame(feed);

/**
 * Take the state read this hop and send it on: a `delta` to the feed's `heatlens.v2` viewers, the
 * full frame to its `heatlens.v1` viewers when it differs from the last one. Sockets still waiting
 * for their first frame (not `ready`) get nothing here: their first frame is read when it is sent.
 */
export function publish(feed: PageFeed, next: FeedState, ready: WeakSet<WebSocket>): void {
  const prev = feed.state;
  const v1Count = feed.sockets.size - feed.delta.size;
  const delta = prev && feed.delta.size ? feedDelta(prev, next, feed.seq + 1) : undefined;
  if (delta === null) return; // nothing changed: the v1 frame would be the same string too
  const oldV1 = feed.payload;
  feed.state = next;
  feed.payload = undefined;
  feed.full = undefined;
  // Every new state is one step; without v2 viewers no delta was made, and none is owed.
  if (prev) feed.seq = delta ? delta.seq : feed.seq + 1;
  // The small deltas go first: serialising and writing the full v1 frame to its viewers does not
  // hold back the v2 viewers' frames.
  if (delta) broadcast(feed.delta, JSON.stringify(delta), ready);
  // A first state (the first read failed for sockets already told so): v2 viewers start here.
  else if (!prev && feed.delta.size) broadcast(feed.delta, v2Frame(feed)!, ready);
  if (v1Count > 0) {
    const payload = v1Frame(feed)!;
    // Every viewer but the v2 ones, without copying the viewers into a new list each hop.
    if (payload !== oldV1) broadcast(feed.sockets, payload, ready, Date.now(), feed.delta);
  }
}

/** Whether a viewer's message is `{type: 'resync'}` (anything else, the keep-alive `ping` included, is not). */
function isResync(data: RawData, isBinary: boolean): boolean {
  if (isBinary) return false;
  try {
    const msg = JSON.parse((data as Buffer).toString()) as Partial<LiveClientMessage> | null;
    return msg?.type === 'resync';
  } catch {
    return false;
  }
}

/**
 * A viewer's message: a `heatlens.v2` viewer's `resync` is answered with the full frame (already
 * serialised: no store read), unless its first frame is still to come or it is behind on reading.
 * Anything else is ignored; `maxPayload` bounds what viewers may send.
 */
export function onViewerMessage(
  feed: PageFeed,
  ws: WebSocket,
  data: RawData,
  isBinary: boolean,
  ready: WeakSet<WebSocket>,
): void {
  if (!feed.delta.has(ws) || !ready.has(ws) || !isResync(data, isBinary)) return;
  const full = v2Frame(feed);
  if (full && ws.readyState === ws.OPEN && ws.bufferedAmount <= MAX_BUFFERED) ws.send(full);
}
