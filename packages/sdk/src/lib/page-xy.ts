import { docSize } from './doc-size.js';

/** A mouse event's page coordinates (whole px, never negative) and the document size. */
export function pageXY(e: MouseEvent): { x: number; y: number; w: number; h: number } {
  const [w, h] = docSize();
  return { x: Math.max(0, Math.round(e.pageX)), y: Math.max(0, Math.round(e.pageY)), w, h };
}
