// The tile row sweep: which row height keeps click heat on the clicked elements, measured on the
// fidelity pages with the tile layer alone (no per-element heat, no overlay in the loop).
//
// Chromium only measures geometry (rows-geometry.mjs): each page at 390, 768, 1280, 1440 and
// 1920 px (visitors) and at the owner widths of bench/fidelity.mjs (the same width, and another
// inside the same segment: 390->600, 768->1100, 1280->1440, 1440->1920, 1920->1280). The rest is
// pure JS: seeded synthetic clicks, 6 per target in the central 80 % of its box (rows-layouts.mjs),
// are tiled in each candidate layout, the tile centres projected onto the owner's geometry and
// splatted with the overlay's kernel (radius 16 CSS px, the overlay's default; rows-score.mjs).
//
// Candidates: rows of y/h (the v1 model: 50 x 50 fractions of the scroll root), rows of y/w
// (w/50 px rows, square-ish tiles), and absolute rows of 16, 20 and 24 px (layout v2: columns of
// w/50, ty = floor(y / rowPx)).
// Fixed targets (sticky header, fixed corner button, the shop's sticky nav): the px layouts put
// their clicks in the fixed layer (viewport columns; rows in px from the nearer viewport edge,
// fixedRowOf) and score them against the target's viewport box; v1 and y/w keep them on the page
// at their page px, as the v1 model did, and score them against the box where the owner sees the
// target at scroll 0. "page targets only" leaves fixed targets and their clicks out, so it
// compares the row models alone.
//
// Score per (page, visitor width, owner width): the share of heat mass inside the targets' boxes,
// and whether the hottest point near each target (within max(60 px, its height) of a page target,
// 48 px of a fixed one, as bench/fidelity/measure.mjs looks, but not inside another target) lies
// inside it. Heat is mass, not the overlay's colours: no alpha cut-off or saturation.
// "exact (no tiles)" is a reference, not a candidate: every click at its own px. Prints, asserts
// nothing.
import { PAGES } from './pages.mjs';
import { measureGeometry } from './rows-geometry.mjs';
import { EXACT, LAYOUTS, projectClicks, pxLayout, rng, syntheticClicks } from './rows-layouts.mjs';
import { printTables, summarize, summarizeShifted } from './rows-report.mjs';
import { heatField, scoreField } from './rows-score.mjs';

/** Owner widths per visitor width, as in bench/fidelity.mjs. */
export const OWNER_WIDTHS = { 390: 600, 768: 1100, 1280: 1440, 1440: 1920, 1920: 1280 };
const RADIUS = 16;
const pct = (x) => `${Math.round(100 * x)} %`;

/** Heat share and peaks of `clicks` tiled in `layout`, drawn on the owner's geometry `o`. */
function scoreRun(spec, clicks, layout, o, keep = () => true) {
  const { page, fixed } = projectClicks(clicks, layout, o);
  const max = Math.max(1, ...page.map((p) => p[2]), ...fixed.map((p) => p[2]));
  const onPage = [];
  const onFixed = [];
  spec.targets.forEach((t, i) => {
    const g = o.targets[i];
    if (!keep(t) || !g) return;
    if (!t.fixed) onPage.push({ i, box: g.page, pad: Math.max(60, g.page.h) });
    else if (layout.fixedLayer) onFixed.push({ i, box: g.view, pad: 48 });
    else onPage.push({ i, box: { ...g.view, x: g.view.x - o.rootLeft, y: g.view.y - o.rootTop }, pad: 48 });
  });
  const parts = [[heatField(page, o.w, o.h, max, RADIUS), onPage]];
  if (fixed.length || onFixed.length) parts.push([heatField(fixed, o.vw, o.vh, max, RADIUS), onFixed]);
  let total = 0;
  let inside = 0;
  let peaks = 0;
  for (const [field, targets] of parts) {
    const s = scoreField(field, targets);
    total += s.total;
    inside += s.inside;
    peaks += s.best.filter((b) => b.a > 0 && b.inside).length;
  }
  return { share: total ? inside / total : 0, peaks, targets: onPage.length + onFixed.length };
}

const SHIFTS = [0, 0.25, 0.5, 0.75];

/**
 * Runs the sweep; prints a table per page, a summary per layout and the px candidates averaged
 * over shifts of the row grid.
 * @param {{note?: (s: string) => void, pages?: string[], widths?: number[], detail?: boolean}} [o]
 *   `pages`: names in bench/fidelity/pages.mjs (default all); `widths`: visitor widths, keys of
 *   OWNER_WIDTHS (default all); `detail`: also print every run.
 * @returns {Promise<{rows: object[], layouts: object[], shifted: object[]}>} `rows`: one per (page,
 *   layout, visitor, owner) with `share` (0..1), `pageShare` (page targets only), `peaks`,
 *   `targets`; `layouts`: the summary per layout; `shifted`: the px candidates over grid shifts.
 */
export async function runRowsSweep({
  note = console.log,
  pages = PAGES.map((p) => p.name),
  widths = Object.keys(OWNER_WIDTHS).map(Number),
  detail = false,
} = {}) {
  const specs = PAGES.filter((p) => pages.includes(p.name));
  const t0 = Date.now();
  const geo = await measureGeometry(specs, [...new Set([...widths, ...widths.map((w) => OWNER_WIDTHS[w])])]);
  note(
    `  geometry of ${specs.length} pages at ${geo.values().next().value?.size ?? 0} widths measured in Chromium ` +
      `in ${((Date.now() - t0) / 1000).toFixed(1)} s; kernel radius ${RADIUS} px, 6 clicks per target`,
  );
  const layouts = [...LAYOUTS, EXACT];
  const rows = [];
  const shifted = [];
  for (const spec of specs) {
    const g = geo.get(spec.name);
    const hasFixed = spec.targets.some((t) => t.fixed);
    for (const width of widths) {
      const clicks = syntheticClicks(spec, g.get(width), rng(width));
      const pageClicks = clicks.filter((c) => !spec.targets[c.target].fixed);
      for (const owner of [width, OWNER_WIDTHS[width]]) {
        const o = g.get(owner);
        const run = { page: spec.name, visitor: width, owner, same: owner === width };
        for (const layout of layouts) {
          const s = scoreRun(spec, clicks, layout, o);
          const p = hasFixed ? scoreRun(spec, pageClicks, layout, o, (t) => !t.fixed) : s;
          rows.push({
            ...run,
            layout: layout.name,
            share: s.share,
            pageShare: p.share,
            peaks: s.peaks,
            targets: s.targets,
          });
          if (detail)
            note(
              `    ${spec.name.padEnd(18)} ${layout.name.padEnd(19)} ${String(width).padStart(4)} -> ` +
                `${String(owner).padStart(4)}  ${pct(s.share).padStart(5)}  peaks ${s.peaks}/${s.targets}`,
            );
          if (!layout.rowPx) continue;
          for (const f of SHIFTS) {
            const s2 = f ? scoreRun(spec, clicks, pxLayout(layout.rowPx, f * layout.rowPx), o) : s;
            shifted.push({
              ...run,
              layout: layout.name,
              shift: f,
              share: s2.share,
              peaks: s2.peaks,
              targets: s2.targets,
            });
          }
        }
      }
    }
  }
  printTables(rows, specs, layouts, note);
  const summary = summarize(rows, layouts, note);
  const shiftSummary = summarizeShifted(shifted, SHIFTS, note);
  note(`  (${((Date.now() - t0) / 1000).toFixed(1)} s in all)`);
  return { rows, layouts: summary, shifted: shiftSummary };
}
