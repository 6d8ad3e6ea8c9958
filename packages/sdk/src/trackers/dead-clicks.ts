import type { ClickEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { onHidden } from '../lib/on-hidden.js';
import type { Emit } from '../lib/types.js';
import type { ClickFlag } from './clicks.js';

/** Options of {@link deadClicks}. */
export interface DeadOptions {
  /** A click with no effect the visitor could attribute to it within this long is dead. Default: 1000 ms. */
  deadMs?: number;
}

// Targets whose click has an effect the DOM does not show (focus, a new tab, a native picker,
// media controls playing or pausing).
const LIVE = 'a[href],input,select,textarea,label,[contenteditable],[controls]';
const DIALOG = 'dialog,[role=dialog],[role=alertdialog],[aria-modal]';
// Regions a page declares as announcing what just happened, wherever they sit (a cart counter in
// the header): WAI-ARIA live regions (https://www.w3.org/TR/wai-aria-1.2/#aria-live).
const LIVE_REGION = '[aria-live]:not([aria-live=off]),[role=status],[role=alert],[role=log]';

type Pending = [
  target: Element,
  near: Element,
  settle: (dead?: unknown) => void,
  controls: Element | null,
  click: unknown,
];

/**
 * What a click may change that no mutation shows, in one string: the URL, the selection, and the
 * value and check of every form control (a script's -/+ stepper, "select all").
 */
const state = () =>
  location.href +
  getSelection() +
  [...document.querySelectorAll<HTMLInputElement>('input,select,textarea')].map((i) => i.value + i.checked);

/** True when mutation `r` is an effect a visitor could attribute to a click on `t`. */
const effect = (r: MutationRecord, [t, near, , controls, click]: Pending): unknown => {
  const n = r.target as Element;
  return (
    // Inside the target or in what it says it controls (`aria-controls`); anything the click's own
    // handlers change while it is dispatched, on an ancestor of the target (a class on the body
    // that collapses a sidebar, a dark theme) or wherever it shows (a badge's count, a carousel's
    // slide, a style that moves a track; a change inside a box that is not rendered is not seen).
    t.contains(n) ||
    controls?.contains(n) ||
    (window.event == click && (n.contains(t) || n.parentElement?.getClientRects().length)) ||
    (r.type == 'attributes'
      ? // Later, on an ancestor, a change of state (expanded, open, hidden); a dialog.
        (n.contains(t) && /^(aria-|open|hidden)/.test(r.attributeName!)) || n.closest?.(DIALOG)
      : // Content added, removed or rewritten near the target or in a live region (class churn
        // elsewhere is not).
        near.contains(n) ||
        (n.nodeType == 1 ? n : n.parentElement)?.closest(LIVE_REGION) ||
        [...r.addedNodes].some((a) => (a as Element).closest?.(DIALOG) || (a as Element).querySelector?.(DIALOG)))
  );
};

/**
 * A click flag for `trackClicks`: marks `dead: true` on a click the visitor saw no effect of
 * within `deadMs`: no navigation (the URL, the page hidden, a navigation started), no focus or
 * selection change, no popover, dialog or `<details>` toggled, nothing scrolled, no form control's
 * value or check changed (by script too), no mutation attributable to it: inside the target; any
 * made by the click's own handlers while it is dispatched, on an ancestor or inside a rendered box
 * (a class on the body that collapses a sidebar, a cart badge's count, a carousel's slide or
 * transform); later, an ancestor's `aria-*`, `open` or `hidden`, a new or changed dialog, content
 * added or changed within two levels above the target (the body excluded), in a live region
 * (`aria-live`, `role=status|alert|log`) anywhere, or in an element the target or an ancestor
 * names in `aria-controls`. Churn elsewhere, outside the click's dispatch (a navigation bar toggling
 * classes on scroll or on a timer), is not an effect; a back/forward or hash navigation settles
 * pending clicks at once. Links, form fields and media controls pass at once; so does a
 * double or triple click that selects text. A MutationObserver watches only while a click is pending.
 */
export function deadClicks({ deadMs = 1000 }: DeadOptions = {}): ClickFlag {
  const pending = new Set<Pending>();
  let mo: MutationObserver | undefined;
  let armed: AbortSignal | undefined;
  const settleAll = () => pending.forEach((p) => p[2]());
  return (e, t, next: Emit<ClickEvent>, signal) => {
    const focus = document.activeElement;
    // `window.event`: the click being dispatched (the flag runs inside its listener).
    if (t.closest(LIVE) || (((window.event as MouseEvent | undefined)?.detail ?? 0) > 1 && '' + getSelection()))
      return next(e);
    const before = state();
    if (armed != signal) {
      // Once per tracker: leaving the page or stopping settles what is pending (not dead).
      armed = signal;
      onHidden(settleAll, signal);
      // Effects that show wherever they are: a popover, dialog or disclosure toggled, the page or
      // a scroller scrolled, a navigation started (the Navigation API, where there is one).
      listen(window, 'popstate hashchange toggle scroll', settleAll, signal);
      // (No Navigation API: the window never fires `navigate`.)
      listen((window as { navigation?: EventTarget }).navigation || window, 'navigate', settleAll, signal);
      signal.addEventListener('abort', settleAll);
    }
    let near = t;
    for (let i = 0; i < 2 && near.parentElement && near.parentElement != document.body; i++) near = near.parentElement;
    const p: Pending = [
      t,
      near,
      (dead) => {
        if (!pending.delete(p)) return;
        clearTimeout(timer);
        if (!pending.size) mo!.disconnect();
        next(dead && focus == document.activeElement && before == state() ? { ...e, dead: true } : e);
      },
      // The first id only: a list of several is rare on a clickable element.
      document.getElementById(t.closest('[aria-controls]')?.getAttribute('aria-controls')?.split(' ')[0] || ''),
      window.event,
    ];
    const timer = setTimeout(p[2], deadMs, true);
    pending.add(p);
    (mo ||= new MutationObserver((rs) =>
      // Delivered while a click is still dispatched (`window.event`): its own handlers made them.
      // (A new URL is judged when the verdict is due.)
      pending.forEach((q) => rs.some((r) => effect(r, q)) && q[2]()),
    )).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  };
}
