import type { Kind, SegmentFilter } from '@heatlens/schema/constants';
import { openLive, type LiveClient, type LiveOptions } from '@heatlens/schema/live-client';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { parseLiveMessage } from '@heatlens/schema/parse-live';
import type { FeedStatus } from '../messages.js';

/** What one `/live` socket watches. */
export type LiveQuery = { site: string; path: string; kind: Kind; window: string; seg: SegmentFilter };

/** Options of `createLiveFeed`: the live client's (token, query, backoff, keep-alive), for one collector. */
export type LiveFeedOptions = Omit<LiveOptions<LiveQuery>, 'base' | 'parse' | 'onMessage'> & {
  collectorUrl: string;
  onSnapshot: (snapshot: SnapshotMessage) => void;
  onStatus?: (status: FeedStatus, detail?: string) => void;
};

/** A tab's live feed: one `/live` socket that reconnects with backoff (`update` reconnects when the query changed). */
export type LiveFeed = LiveClient<LiveQuery>;

/**
 * Open a `/live` WebSocket for one overlaid tab with the schema's live client, authenticated by the
 * read token, parsing every frame with the schema's `parseLiveMessage` (interpreted: no eval under
 * the MV3 CSP), in `heatlens.v2`: snapshots (each delta applied to the last) go to `onSnapshot`; an
 * `error` frame or a frame that fails to parse is reported as status `error`, never drawn.
 */
export function createLiveFeed(opts: LiveFeedOptions): LiveFeed {
  const { collectorUrl, token, query, onSnapshot, onStatus, ...tuning } = opts;
  return openLive({
    ...tuning,
    base: collectorUrl,
    token,
    query,
    parse: parseLiveMessage,
    // heatlens.v2: the client keeps the page's map and applies each hop's change to it.
    deltas: true,
    onStatus,
    onMessage: (message) => {
      if (message.type === 'snapshot') onSnapshot(message);
      else if (message.type === 'error') onStatus?.('error', message.error);
    },
  });
}
