/** Document width and height in CSS px, at least 1 (the wire format rejects 0). */
export function docSize(): { w: number; h: number } {
  const d = document.documentElement;
  return { w: d.scrollWidth || 1, h: d.scrollHeight || 1 };
}
