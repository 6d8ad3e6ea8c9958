import type { MediaAction, MediaEvent } from '@heatlens/schema';
import type { UrlOptions } from '@heatlens/schema/normalize-url';
import { listenDeep } from '../lib/listen-deep.js';
import { stripUrl } from '../lib/strip-url.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks `<video>` and `<audio>`: `play`, `p25`, `p50`, `p75` and `complete`, each at most once
 * per element and **pass** through the media. A pass ends at `ended`, or where the position jumps
 * from the last half second back to the first quarter (a `loop` restart, which fires no `ended`),
 * or jumps back to the first quarter after a completed pass (a seek to the start, a replay); the
 * next pass starts with a `play`. Pausing and resuming, `timeupdate` jitter and seeking within a
 * pass add nothing; seeking forward past a quartile counts it once (the viewer chose to be
 * there). The kind is the element's name; `src` is normalised (`stripUrl`). Media inside open
 * shadow roots count too (`listenDeep`); media events do not bubble, so listeners capture.
 */
export const trackMedia: (emit: Emit<MediaEvent>, opts?: TrackerOptions & UrlOptions) => Stop = tracker<
  MediaEvent,
  TrackerOptions & UrlOptions
>((emit, opts, signal) => {
  // Per element: actions sent in this pass ('play p25 ...') and the last position seen (s).
  const pass = new WeakMap<HTMLMediaElement, [string, number?]>();
  const send = (m: HTMLMediaElement, action: MediaAction, p: [string, number?]) => {
    if (!p[0].includes(action)) {
      p[0] += action;
      emit({
        type: 'media',
        ts: Date.now(),
        kind: m.localName as MediaEvent['kind'],
        action,
        src: stripUrl(m.currentSrc, opts),
      });
    }
  };
  listenDeep(
    'play timeupdate seeking ended',
    ({ type }, m) => {
      if (!(m instanceof HTMLMediaElement)) return;
      const p = pass.get(m) || [''];
      const t = m.currentTime;
      const d = m.duration;
      const last = p[1] || 0;
      pass.set(m, p);
      // Back to the start from the end (a loop) or after a completed pass: that pass is over.
      if (t < last && t < d / 4 && (last > d - 0.5 || p[0].includes('complete'))) {
        send(m, 'complete', p);
        p[0] = '';
        if (!m.paused) send(m, 'play', p);
      }
      p[1] = t;
      if (type == 'play') {
        if (p[0].includes('complete')) p[0] = '';
        send(m, 'play', p);
      }
      // Marks from where playback is (a `play` of an ended element comes before its seek to 0).
      if (type > 'seeking') for (const q of [25, 50, 75]) if ((100 * t) / d >= q) send(m, ('p' + q) as MediaAction, p);
      if (type == 'ended') send(m, 'complete', p);
    },
    signal,
  );
});
