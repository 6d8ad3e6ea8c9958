import { listen } from './listen.js';

/**
 * Like `listen` at the document, and also inside every open shadow root: events that are not
 * `composed` (`submit`, `play`, `timeupdate`, ...) never leave a shadow root, so a custom
 * element's form or player would go unseen. Roots are found when the page attaches them
 * (`attachShadow` is wrapped while tracking, and restored on stop), and by a walk of the document
 * at start and when it is parsed (roots attached earlier, declarative ones), so media a script
 * starts before any interaction is heard too. Closed roots stay private. The handler gets the
 * event and its real target (`composedPath()[0]`, not the host the document sees); a composed
 * event is handled once, at the document.
 */
export function listenDeep(types: string, handler: (e: Event, target: EventTarget) => void, signal: AbortSignal): void {
  const roots = new WeakSet<ShadowRoot>();
  const on = (e: Event) => handler(e, e.composedPath()[0]!);
  // A root once (with the roots inside it), if open.
  const add = (r?: ShadowRoot | null): void => {
    if (r?.mode == 'open' && !roots.has(r) && roots.add(r)) {
      listen(r, types, (x) => x.composed || on(x), signal);
      walk(r);
    }
  };
  const walk = (n: ParentNode) => n.querySelectorAll('*').forEach((e) => add(e.shadowRoot));
  const P = Element.prototype;
  const attach = P.attachShadow;
  const ours: typeof attach = function (this: Element, init) {
    const r = attach.call(this, init);
    add(r);
    return r;
  };
  P.attachShadow = ours;
  signal.addEventListener('abort', () => P.attachShadow == ours && (P.attachShadow = attach));
  listen(document, types, on, signal);
  listen(document, 'DOMContentLoaded', () => walk(document), signal);
  walk(document);
}
