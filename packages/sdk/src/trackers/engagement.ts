import type { EngagementEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { onHidden } from '../lib/on-hidden.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks engaged time: milliseconds the page was visible and focused, reported when the page is
 * hidden and when tracking stops (at most one hour per event, the wire format's bound).
 */
export const trackEngagement: (emit: Emit<EngagementEvent>, opts?: TrackerOptions) => Stop = tracker<EngagementEvent>(
  (emit, _opts, signal) => {
    // Whole milliseconds: a sum of `Date.now()` differences.
    let ms = 0;
    let since = 0;
    const update = () => {
      const now = Date.now();
      if (since) ms += now - since;
      since = document.visibilityState == 'visible' && document.hasFocus() ? now : 0;
    };
    const report = () => {
      update();
      // Positive only: a wall clock set back while the page was open must not send a negative time.
      if (ms > 0) emit({ type: 'engagement', ts: Date.now(), ms: Math.min(3_600_000, ms) });
      ms = 0;
    };
    // visibilitychange bubbles from the document to the window.
    listen(window, 'focus blur visibilitychange', update, signal);
    onHidden(report, signal);
    signal.addEventListener('abort', report);
    update();
  },
);
