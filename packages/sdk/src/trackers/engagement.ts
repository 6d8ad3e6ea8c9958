import type { EngagementEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { onHidden } from '../lib/on-hidden.js';
import { stopper } from '../lib/stopper.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks engaged time: milliseconds the page was visible and focused, reported when the page is
 * hidden and when tracking stops (at most one hour per event, the wire format's bound).
 */
export function trackEngagement(emit: Emit<EngagementEvent>, opts: TrackerOptions = {}): Stop {
  const c = stopper(opts.signal);
  let ms = 0;
  let since = 0;
  const engaged = () => document.visibilityState == 'visible' && document.hasFocus();
  const update = () => {
    const now = Date.now();
    if (since) ms += now - since;
    since = engaged() ? now : 0;
  };
  const report = () => {
    update();
    if (ms >= 1) emit({ type: 'engagement', ts: Date.now(), ms: Math.min(3_600_000, Math.round(ms)) });
    ms = 0;
  };
  // visibilitychange bubbles from the document to the window.
  for (const t of ['focus', 'blur', 'visibilitychange']) listen(window, t, update, c.signal);
  onHidden(report, c.signal);
  c.signal.addEventListener('abort', report);
  update();
  return () => c.abort();
}
