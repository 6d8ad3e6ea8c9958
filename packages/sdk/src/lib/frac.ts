/** Where an offset `d` sits in a box of `size` as 0..1, rounded to 3 decimals; 0 for an empty box. */
export function frac(d: number, size: number): number {
  return Math.min(1, Math.max(0, Math.round((1000 * d) / size) / 1000 || 0));
}
