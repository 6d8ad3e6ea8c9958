import type { ClickEvent } from '@heatlens/schema';
import { frac } from '../lib/frac.js';
import { listen } from '../lib/listen.js';
import { onHidden } from '../lib/on-hidden.js';
import { pageXY } from '../lib/page-xy.js';
import { safe } from '../lib/safe.js';
import { selectorOf } from '../lib/selector-of.js';
import { stopper } from '../lib/stopper.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackClicks}. */
export interface ClickOptions extends TrackerOptions {
  /** Clicks within `rageMs` and `ragePx` of each other that make a rage click. Default: 3. */
  rageCount?: number;
  /** Default: 1000 ms. */
  rageMs?: number;
  /** Default: 30 px. */
  ragePx?: number;
  /** A click with no navigation, DOM change or selection within this long is dead. Default: 1000 ms. */
  deadMs?: number;
}

// Targets whose click has an effect the DOM does not show (focus, a new tab, a native picker).
const LIVE = 'a[href],input,select,textarea,label,[contenteditable]';

/**
 * Tracks clicks and taps: page coordinates against the document size, a stable selector of the
 * target, the point inside it (0..1), `fixed` for targets in fixed or sticky boxes, and the
 * `rage` and `dead` flags. A click is emitted as soon as its fate is known: at once when the page
 * reacts (a DOM mutation, a navigation), after `deadMs` with `dead: true` when nothing happened.
 */
export function trackClicks(emit: Emit<ClickEvent>, opts: ClickOptions = {}): Stop {
  const { rageCount = 3, rageMs = 1000, ragePx = 30, deadMs = 1000 } = opts;
  const c = stopper(opts.signal);
  let recent: ClickEvent[] = [];
  let pending: ClickEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let href = '';
  const settle = (dead?: boolean) => {
    clearTimeout(timer);
    mo.disconnect();
    // A navigation or a selection made by the click (a double click on a word) is a reaction too.
    dead &&= location.href == href && !safe(() => String(getSelection() || ''), '');
    pending.forEach((e) => emit(dead ? { ...e, dead } : e));
    pending = [];
  };
  const mo = new MutationObserver(() => settle());

  listen<MouseEvent>(window, 'click', (e) => {
    // detail 0: a keyboard or scripted click, which has no position to map.
    if (!e.detail) return;
    const t = e.target as Element;
    const ev: ClickEvent = { type: 'click', ts: Date.now(), ...pageXY(e) };
    const sel = selectorOf(t);
    if (sel) {
      const r = t.getBoundingClientRect();
      ev.sel = sel;
      ev.ex = frac(e.clientX, r.left, r.width);
      ev.ey = frac(e.clientY, r.top, r.height);
      for (let a: Element | null = t; a; a = a.parentElement) if (/fixed|sticky/.test(getComputedStyle(a).position)) ev.fixed = true;
    }
    recent = recent.filter((r) => ev.ts - r.ts < rageMs && Math.hypot(r.x - ev.x, r.y - ev.y) <= ragePx);
    if (recent.push(ev) >= rageCount) ev.rage = true;
    if (t.closest(LIVE)) return emit(ev);
    if (!pending.length) {
      href = location.href;
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      timer = setTimeout(settle, deadMs, true);
    }
    pending.push(ev);
  }, c.signal);
  // Leaving the page is a reaction: pending clicks are not dead.
  onHidden(settle, c.signal);
  c.signal.addEventListener('abort', () => settle());
  return () => c.abort();
}
