import type { FormEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { stopper } from '../lib/stopper.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

// The attribute, not `form.name`/`form.id`: a field named "name" or "id" shadows those properties.
const nameOf = (f: HTMLFormElement) => (f.getAttribute('id') || f.getAttribute('name'))?.slice(0, 128) || undefined;

/**
 * Tracks forms: `start` on the first focus of one of a form's fields (once per form element) and
 * `submit`, each with the form's id or name. Field values are never read.
 */
export function trackForms(emit: Emit<FormEvent>, opts: TrackerOptions = {}): Stop {
  const c = stopper(opts.signal);
  const started = new WeakSet<HTMLFormElement>();
  const send = (action: FormEvent['action'], f: HTMLFormElement) => emit({ type: 'form', ts: Date.now(), action, form: nameOf(f) });
  listen(document, 'focusin', (e) => {
    const f = (e.target as HTMLInputElement | null)?.form;
    if (f && !started.has(f)) {
      started.add(f);
      send('start', f);
    }
  }, c.signal);
  listen(document, 'submit', (e) => e.target instanceof HTMLFormElement && send('submit', e.target), c.signal);
  return () => c.abort();
}
