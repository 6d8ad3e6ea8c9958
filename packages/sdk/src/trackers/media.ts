import type { MediaAction, MediaEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { stripUrl } from '../lib/strip-url.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks `<video>` and `<audio>`: `play`, `p25`, `p50`, `p75` and `complete`, each once per element
 * and play-through (pausing and resuming is the same play-through; ending starts a new one).
 * The kind is the element's name (only `<audio>` and `<video>` are media elements).
 * Media events do not bubble, so the listeners capture at the document.
 */
export const trackMedia: (emit: Emit<MediaEvent>, opts?: TrackerOptions) => Stop = tracker<MediaEvent>((emit, _opts, signal) => {
  // Actions already sent per element in this play-through, as one string ('play p25 ...').
  const seen = new WeakMap<HTMLMediaElement, string>();
  listen(document, 'play timeupdate ended', ({ type, target: m }) => {
    if (m instanceof HTMLMediaElement)
      // Seeking past a quartile counts it: the viewer chose to be there.
      for (const action of (type == 'timeupdate'
        ? [25, 50, 75].filter((q) => (100 * m.currentTime) / m.duration >= q).map((q) => 'p' + q)
        : [type == 'play' ? type : 'complete']) as MediaAction[]) {
        let s = seen.get(m) || '';
        // A play after the end starts a new play-through; until then, late timeupdates add nothing.
        if (action == 'play' && s.includes('complete')) s = '';
        if (!s.includes(action)) {
          seen.set(m, s + action);
          emit({ type: 'media', ts: Date.now(), kind: m.localName as MediaEvent['kind'], action, src: stripUrl(m.currentSrc) });
        }
      }
  }, signal);
});
