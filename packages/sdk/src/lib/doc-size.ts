/**
 * Scroll width and height in CSS px of the scroll root `r` (default: the document), at least 1 (the
 * wire format rejects 0).
 */
export function docSize(r?: Element): { w: number; h: number } {
  const d = r || document.documentElement;
  return { w: d.scrollWidth || 1, h: d.scrollHeight || 1 };
}
