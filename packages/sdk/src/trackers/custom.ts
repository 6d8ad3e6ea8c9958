import type { CustomEvent } from '@heatlens/schema';
import type { Emit } from '../lib/types.js';

/** Sends a custom event by name. */
export type Track<N extends string = string> = (name: N) => void;

/**
 * Returns a typed `track(name)` for custom events: `createTrack<'signup' | 'upgrade'>(emit)` only
 * accepts those names. Names are cut to 128 chars; empty names are ignored.
 */
export function createTrack<N extends string = string>(emit: Emit<CustomEvent>): Track<N> {
  return (name) => {
    const n = String(name).slice(0, 128);
    if (n) emit({ type: 'custom', ts: Date.now(), name: n });
  };
}
