/** Heat kernel radius bounds and default, CSS px (the blur adds three quarters of it). */
export const MIN_RADIUS = 6;
export const MAX_RADIUS = 60;
export const DEFAULT_RADIUS = 16;

/** How heat is drawn: what both viewers (the overlay, the dashboard) choose alike. */
export type HeatStyle = {
  /** the map's opacity, 0..1 */
  opacity: number;
  /** for clicks, outline each drawn element and label it with its count */
  counts: boolean;
  /** heat kernel radius in CSS px, `MIN_RADIUS..MAX_RADIUS`; default `DEFAULT_RADIUS` */
  radius?: number;
};
