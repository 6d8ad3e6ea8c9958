import type { WebSocket } from 'ws';
import type { ShareRecord } from '../edge/share-auth.js';

/** Close code of a /live socket whose link was revoked or expired (4000 + the HTTP status it would get). */
export const SHARE_GONE_CLOSE = 4404;

/**
 * Keeps /live sockets opened with a share token in step with their link: each is closed
 * (SHARE_GONE_CLOSE) at its link's expiry, at once when the link is revoked on this collector
 * (`revoked`), and within `everyMs` when it is revoked on another (every link with open sockets is
 * read again each `everyMs`; one read per link, however many sockets it has).
 */
export function createShareWatch(deps: {
  getShare: (id: string, now: number) => Promise<ShareRecord | undefined>;
  now: () => number;
  /** how often links with open sockets are read again; default 500 ms */
  everyMs?: number;
  onError?: (e: unknown) => void;
}) {
  const sockets = new Map<string, Set<WebSocket>>();
  const closeAll = (id: string) => {
    for (const ws of sockets.get(id) ?? []) {
      ws.close(SHARE_GONE_CLOSE, 'share: this link was revoked or has expired');
      setTimeout(() => ws.terminate(), 1000).unref(); // a viewer that ignores the close frame is cut
    }
    sockets.delete(id);
  };
  let checking = false;
  const check = async () => {
    if (checking || !sockets.size) return;
    checking = true;
    try {
      const now = deps.now();
      await Promise.all(
        [...sockets.keys()].map(async (id) => {
          const s = await deps.getShare(id, now);
          if (!s || s.revokedAt !== undefined || s.expiresAt <= now) closeAll(id);
        }),
      );
    } catch (e) {
      deps.onError?.(e); // a store outage keeps sockets open until the store answers again
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), deps.everyMs ?? 500);
  timer.unref();

  return {
    /** Watch a socket opened with `share`'s token. */
    add(ws: WebSocket, share: ShareRecord) {
      let set = sockets.get(share.id);
      if (!set) sockets.set(share.id, (set = new Set()));
      set.add(ws);
      // Timers hold at most 2^31-1 ms (~24.8 days); a later expiry is caught by the periodic check.
      const left = Math.max(0, share.expiresAt - deps.now());
      const expiry = left < 2 ** 31 - 1 ? setTimeout(() => closeAll(share.id), left).unref() : undefined;
      ws.once('close', () => {
        clearTimeout(expiry);
        set.delete(ws);
        if (!set.size && sockets.get(share.id) === set) sockets.delete(share.id);
      });
    },
    /** A link was revoked here: close its sockets now. */
    revoked: closeAll,
    close() {
      clearInterval(timer);
      sockets.clear();
    },
  };
}
export type ShareWatch = ReturnType<typeof createShareWatch>;
