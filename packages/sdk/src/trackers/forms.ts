import type { FormEvent } from '@heatlens/schema';
import { listenDeep } from '../lib/listen-deep.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks forms: `start` on the first focus of one of a form's fields (once per form element) and
 * `submit`, each with the form's id or name. Field values are never read. Forms inside open
 * shadow roots count too (`listenDeep`).
 */
export const trackForms: (emit: Emit<FormEvent>, opts?: TrackerOptions) => Stop = tracker<FormEvent>(
  (emit, _opts, signal) => {
    const started = new WeakSet<HTMLFormElement>();
    listenDeep(
      'focusin submit',
      ({ type }, target) => {
        const submit = type == 'submit';
        // A submit targets its form; a focused field names its own (null outside a form).
        const f = (submit ? target : (target as HTMLInputElement).form) as HTMLFormElement | null;
        if (f && (submit || (!started.has(f) && started.add(f))))
          // The attribute, not `form.name`/`form.id`: a field named "name" or "id" shadows those properties.
          emit({
            type: 'form',
            ts: Date.now(),
            action: submit ? 'submit' : 'start',
            form: (f.getAttribute('id') || f.getAttribute('name'))?.slice(0, 128) || undefined,
          });
      },
      signal,
    );
  },
);
