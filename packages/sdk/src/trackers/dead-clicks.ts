import type { ClickEvent } from '@heatlens/schema';
import { onHidden } from '../lib/on-hidden.js';
import type { ClickFlag } from './clicks.js';

/** Options of {@link deadClicks}. */
export interface DeadOptions {
  /** A click with no DOM change, selection or page exit within this long is dead. Default: 1000 ms. */
  deadMs?: number;
}

// Targets whose click has an effect the DOM does not show (focus, a new tab, a native picker).
const LIVE = 'a[href],input,select,textarea,label,[contenteditable]';

/**
 * A click flag for `trackClicks`: marks `dead: true` on a click the page did not react to. A
 * click is passed on as soon as its fate is known: at once on links and form fields, when the
 * DOM changes (a MutationObserver, watching only while a click is pending), when the page is
 * hidden, or after `deadMs` (dead, unless the click selected text).
 */
export function deadClicks({ deadMs = 1000 }: DeadOptions = {}): ClickFlag {
  let pending: [ClickEvent, (e: ClickEvent) => void][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armed: AbortSignal | undefined;
  const settle = (dead?: unknown) => {
    clearTimeout(timer);
    mo.disconnect();
    dead = dead === true && !getSelection()?.toString();
    pending.forEach(([e, next]) => next(dead ? { ...e, dead: true } : e));
    pending = [];
  };
  const mo = new MutationObserver(settle);
  return (e, t, next, signal) => {
    if (t.closest(LIVE)) return next(e);
    if (armed != signal) {
      // Once per tracker: leaving the page or stopping settles what is pending (not dead).
      armed = signal;
      onHidden(settle, signal);
      signal.addEventListener('abort', settle);
    }
    if (!pending.length) {
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      timer = setTimeout(settle, deadMs, true);
    }
    pending.push([e, next]);
  };
}
