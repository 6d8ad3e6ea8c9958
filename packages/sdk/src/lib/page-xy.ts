import { docSize } from './doc-size.js';

/**
 * A mouse event's page coordinates (`clientX + scrollX`: the browser fixes them when the event is
 * created, so a stored event can be read later) in whole px, never negative, and the document size.
 */
export function pageXY(e: MouseEvent): { x: number; y: number; w: number; h: number } {
  return { x: Math.max(0, e.pageX | 0), y: Math.max(0, e.pageY | 0), ...docSize() };
}
