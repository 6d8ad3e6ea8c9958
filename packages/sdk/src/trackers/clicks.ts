import type { ClickEvent } from '@heatlens/schema';
import { clickTarget } from '../lib/click-target.js';
import { frac } from '../lib/frac.js';
import { listen } from '../lib/listen.js';
import { pagePoint } from '../lib/page-point.js';
import { selectorOf } from '../lib/selector-of.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Looks at each click with its target before it is emitted, and passes it on to `next` (now or
 * later, flagged or not). `rageClicks()` and `deadClicks()` are the two the SDK ships.
 */
export type ClickFlag = (e: ClickEvent, target: Element, next: Emit<ClickEvent>, signal: AbortSignal) => void;

/** Options of {@link trackClicks}. */
export interface ClickOptions extends TrackerOptions {
  /** Detectors that flag clicks, applied in order. Default: none (`init` adds rage and dead clicks). */
  flags?: ClickFlag[];
}

/**
 * Tracks clicks and taps for the click heatmap. The target is the element the visitor meant (the
 * closest interactive ancestor, inside open shadow roots too: see `clickTarget`); the event
 * carries page coordinates in the scroll root against its scroll size, a stable selector of the
 * target (see `selectorOf`) and the point inside it (0..1), and, over a fixed or stuck sticky
 * box, `fixed: true` with viewport coordinates. Rage and dead clicks are flagged by the optional
 * `flags`, so a heatmap-only page does not pay for them.
 */
export const trackClicks: (emit: Emit<ClickEvent>, opts?: ClickOptions) => Stop = tracker<ClickEvent, ClickOptions>(
  (emit, opts, signal) =>
    listen<MouseEvent>(
      window,
      'click',
      (e) => {
        // detail 0: a keyboard activation (Enter, Space: trusted) or a script's `click()` (not,
        // skipped). A keyboard activation has no pointer position (clientX/Y are 0): it counts
        // for its element, at the element's centre, never as a point at the page's corner.
        if (!e.detail && !e.isTrusted) return;
        const t = clickTarget(e);
        const href = location.href;
        const r = t.getBoundingClientRect();
        const cx = r.x + r.width / 2;
        const cy = r.y + r.height / 2;
        const p = e.detail ? e : { clientX: cx, clientY: cy, pageX: cx + scrollX, pageY: cy + scrollY };
        const ev: ClickEvent = { type: 'click', ts: Date.now(), ...pagePoint(p, t) };
        const sel = selectorOf(t);
        if (sel) {
          ev.sel = sel;
          ev.ex = frac(p.clientX - r.left, r.width);
          ev.ey = frac(p.clientY - r.top, r.height);
        }
        // Flags may pass the click on later; it still belongs to the page it happened on.
        (opts.flags || []).reduceRight<Emit<ClickEvent>>(
          (next, f) => (x) => f(x, t, next, signal),
          (x) => emit(x, href),
        )(ev);
      },
      signal,
    ),
);
