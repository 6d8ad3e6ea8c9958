import { OPT_OUT_KEY } from './lib/opted-out.js';
import { safe } from './lib/safe.js';

export { OPT_OUT_KEY } from './lib/opted-out.js';

/**
 * Sets (default) or clears this browser's opt-out flag in localStorage: while set, `init` sends
 * nothing on this site. Returns false where storage is unavailable.
 */
export function optOut(on = true): boolean {
  return safe(() => (on ? localStorage.setItem(OPT_OUT_KEY, '1') : localStorage.removeItem(OPT_OUT_KEY), true), false);
}
