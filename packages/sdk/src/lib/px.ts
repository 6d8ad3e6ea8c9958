/** A coordinate in whole CSS px, never negative (the wire format rejects negative px). */
export function px(v: number): number {
  return Math.max(0, Math.round(v));
}
