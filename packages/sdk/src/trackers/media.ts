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
  const seen = new WeakMap<HTMLMediaElement, Set<MediaAction>>();
  const send = (m: HTMLMediaElement, action: MediaAction) => {
    let s = seen.get(m);
    if (!s) seen.set(m, (s = new Set()));
    if (s.has(action)) return;
    s.add(action);
    const src = stripUrl(m.currentSrc || m.src);
    emit({ type: 'media', ts: Date.now(), kind: m.localName == 'audio' ? 'audio' : 'video', action, ...(src && { src }) });
    if (action == 'complete') seen.delete(m);
  };
  const on = (type: string, f: (m: HTMLMediaElement) => void) =>
    listen(document, type, (e) => e.target instanceof HTMLMediaElement && f(e.target), c.signal);
  on('play', (m) => send(m, 'play'));
  on('timeupdate', (m) => {
    const p = m.currentTime / m.duration;
    // Seeking past a quartile counts it: the viewer chose to be there.
    if (p >= 0.25) send(m, 'p25');
    if (p >= 0.5) send(m, 'p50');
    if (p >= 0.75) send(m, 'p75');
  });
  on('ended', (m) => send(m, 'complete'));
  return () => c.abort();
}
