import type { Event } from '@heatlens/schema';

/** Stops a tracker: removes every listener, observer and timer it added. Safe to call twice. */
export type Stop = () => void;

/** Receives one event from a tracker. */
export type Emit<E extends Event = Event> = (event: E) => void;

/** Options every tracker takes. */
export interface TrackerOptions {
  /** Aborting it stops the tracker, like calling the returned `Stop`. Default: none. */
  signal?: AbortSignal;
}
