import { listen } from './listen.js';

/**
 * Like `listen` at the document, and also inside every open shadow root the visitor interacts
 * with: events that are not `composed` (`submit`, `play`, `timeupdate`, ...) never leave a shadow
 * root, so a custom element's form or player would go unseen. A root is found on the first
 * composed `pointerdown`, `focusin` or `keydown` whose `composedPath()` crosses it. The handler
 * gets the event and its real target (`composedPath()[0]`, not the host the document sees); a
 * composed event is handled once, at the document.
 */
export function listenDeep(types: string, handler: (e: Event, target: EventTarget) => void, signal: AbortSignal): void {
  const roots = new WeakSet<ShadowRoot>();
  const on = (e: Event) => handler(e, e.composedPath()[0]!);
  listen(document, types, on, signal);
  listen(
    document,
    'pointerdown focusin keydown',
    (e) => {
      for (const r of e.composedPath())
        if (r instanceof ShadowRoot && !roots.has(r) && roots.add(r))
          listen(r, types, (x) => x.composed || on(x), signal);
    },
    signal,
  );
}
