/**
 * The viewports synthetic visitors use (CSS px) and how often (weights): desktop, tablet, phone.
 * shop-clicks.json holds the SDK's click events at each of these widths.
 */
export const VIEWPORTS = [
  { vw: 1440, vh: 820, sw: 1440, sh: 900, weight: 45 },
  { vw: 1024, vh: 700, sw: 1024, sh: 768, weight: 20 },
  { vw: 390, vh: 760, sw: 390, sh: 844, weight: 35 },
];
