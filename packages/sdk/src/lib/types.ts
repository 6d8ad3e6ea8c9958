import type { Event } from '@heatlens/schema';

/** Stops a tracker: removes every listener, observer and timer it added. Safe to call twice. */
export type Stop = () => void;

/**
 * Receives one event from a tracker. `href` is the page URL the event belongs to when it is
 * emitted after it happened (a click waits for its dead-click verdict, and a single-page app may
 * have navigated meanwhile); default: the current one.
 */
export type Emit<E extends Event = Event> = (event: E, href?: string) => void;

/** Options every tracker takes. */
export interface TrackerOptions {
  /** Aborting it stops the tracker, like calling the returned `Stop`. Default: none. */
  signal?: AbortSignal;
}
