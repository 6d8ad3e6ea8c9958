/**
 * Period (ms) of the mounted overlay's message to the background. Firefox runs the MV3 background
 * as an event page and suspends it after `extensions.background.idle.timeout` (30 s by default)
 * without an event, closing the overlay's `/live` socket in it: the overlay would freeze and the
 * collector would stop treating the page as watched. A message is an event and resets that timer,
 * so one well inside the timeout keeps the page (and the socket) up while an overlay is on, and
 * never once it is off. (Chrome's service worker is kept up by the socket's traffic; the message
 * costs it nothing.)
 */
export const KEEP_AWAKE_MS = 5_000;

/**
 * Call `send` every `everyMs` (default `KEEP_AWAKE_MS`) until the returned stop function is
 * called. `send` must not throw (errors of a suspended or reloaded extension are its own to catch).
 */
export function keepAwake(send: () => void, everyMs: number = KEEP_AWAKE_MS): () => void {
  const timer = setInterval(send, everyMs);
  return () => clearInterval(timer);
}
