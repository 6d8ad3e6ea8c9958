import { safe } from './safe.js';

/** localStorage key of the opt-out flag (`'1'` = opted out). */
export const OPT_OUT_KEY = 'heatlens:optout';

/**
 * Truthy when nothing may be sent: Do Not Track, Global Privacy Control, or the visitor's opt-out
 * flag in localStorage (storage that throws counts as not opted out, DNT and GPC still apply).
 */
export function optedOut(): unknown {
  const n = navigator as Navigator & { globalPrivacyControl?: boolean };
  return n.doNotTrack == '1' || n.globalPrivacyControl || safe(() => localStorage[OPT_OUT_KEY] == '1');
}
