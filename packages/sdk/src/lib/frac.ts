/** Where `v` sits in `[start, start + size)` as 0..1, rounded to 3 decimals; 0 for an empty box. */
export function frac(v: number, start: number, size: number): number {
  return Math.min(1, Math.max(0, Math.round((1000 * (v - start)) / size) / 1000 || 0));
}
