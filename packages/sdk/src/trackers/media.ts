import type { MediaAction, MediaEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { stopper } from '../lib/stopper.js';
import { stripUrl } from '../lib/strip-url.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks `<video>` and `<audio>`: `play`, `p25`, `p50`, `p75` and `complete`, each once per element
 * and play-through (pausing and resuming is the same play-through; ending starts a new one).
 * Media events do not bubble, so the listeners capture at the document.
 */
export function trackMedia(emit: Emit<MediaEvent>, opts: TrackerOptions = {}): Stop {
  const c = stopper(opts.signal);
  // Actions already sent per element in this play-through, as one string ('play p25 ...').
  const seen = new WeakMap<HTMLMediaElement, string>();
  const send = (m: HTMLMediaElement, action: MediaAction) => {
    let s = seen.get(m) || '';
    // A play after the end starts a new play-through; until then, late timeupdates add nothing.
    if (action == 'play' && s.includes('complete')) s = '';
    if (s.includes(action)) return;
    seen.set(m, s + action);
    emit({ type: 'media', ts: Date.now(), kind: m.localName == 'audio' ? 'audio' : 'video', action, src: stripUrl(m.currentSrc) || undefined });
  };
  for (const t of ['play', 'timeupdate', 'ended']) {
    listen(document, t, (e) => {
      const m = e.target;
      if (!(m instanceof HTMLMediaElement)) return;
      if (t == 'play') send(m, 'play');
      else if (t == 'ended') send(m, 'complete');
      // Seeking past a quartile counts it: the viewer chose to be there.
      else for (const q of [25, 50, 75]) if ((100 * m.currentTime) / m.duration >= q) send(m, ('p' + q) as MediaAction);
    }, c.signal);
  }
  return () => c.abort();
}
