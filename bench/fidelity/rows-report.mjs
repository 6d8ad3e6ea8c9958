// The row sweep's printed tables: one per page, a summary per layout, the px candidates against
// 20 px (ROW_PX) run by run, and the same averaged over shifts of the row grid.

const pct = (x) => `${Math.round(100 * x)} %`;
const pts = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;
const signed = (n) => `${n >= 0 ? '+' : ''}${n}`;
const mean = (xs) => xs.reduce((a, x) => a + x, 0) / (xs.length || 1);
const sum = (xs) => xs.reduce((a, x) => a + x, 0);

/** A table per page: rows = layouts; mean share at the same and at the other width (worst), peaks. */
export function printTables(rows, specs, layouts, note) {
  const cell = (rs) =>
    `${pct(mean(rs.map((r) => r.share)))} (${Math.round(100 * Math.min(...rs.map((r) => r.share)))})`.padStart(11);
  for (const spec of specs) {
    note(`\n  ${spec.name}: ${spec.targets.map((t) => t.name).join(', ')}`);
    note(
      `    ${'layout'.padEnd(19)}  same width   other width   peaks same  other   (share: mean of 5 widths, ` +
        `worst in brackets)`,
    );
    for (const layout of layouts) {
      const rs = rows.filter((r) => r.page === spec.name && r.layout === layout.name);
      const peaks = (xs) => `${sum(xs.map((r) => r.peaks))}/${sum(xs.map((r) => r.targets))}`.padStart(10);
      note(
        `    ${layout.name.padEnd(19)}  ${cell(rs.filter((r) => r.same))}  ${cell(rs.filter((r) => !r.same))}  ` +
          `${peaks(rs.filter((r) => r.same))} ${peaks(rs.filter((r) => !r.same)).padStart(6)}`,
      );
    }
  }
}

/** Summary line per layout; then which candidate wins (the reference is not a candidate). */
export function summarize(rows, layouts, note) {
  const runs = new Set(rows.map((r) => `${r.page}:${r.visitor}:${r.owner}`)).size;
  note(`\n  summary over ${runs} (page, visitor width, owner width) runs per layout:`);
  const out = layouts.map((layout) => {
    const rs = rows.filter((r) => r.layout === layout.name);
    const worst = rs.reduce((a, r) => (r.share < a.share ? r : a), rs[0]);
    const s = {
      layout: layout.name,
      reference: !!layout.reference,
      mean: mean(rs.map((r) => r.share)),
      sameMean: mean(rs.filter((r) => r.same).map((r) => r.share)),
      otherMean: mean(rs.filter((r) => !r.same).map((r) => r.share)),
      worst: worst.share,
      worstAt: `${worst.page} ${worst.visitor}->${worst.owner}`,
      over90: rs.filter((r) => r.share >= 0.9).length,
      runs: rs.length,
      peaks: sum(rs.map((r) => r.peaks)),
      targets: sum(rs.map((r) => r.targets)),
      pageMean: mean(rs.map((r) => r.pageShare)),
      pageOver90: rs.filter((r) => r.pageShare >= 0.9).length,
    };
    note(
      `    ${s.layout.padEnd(19)} mean ${pct(s.mean).padStart(5)} (same ${pct(s.sameMean)}, other ` +
        `${pct(s.otherMean)}), worst ${pct(s.worst)} (${s.worstAt}), ` +
        `runs >= 90 % ${s.over90}/${s.runs}, peaks ${s.peaks}/${s.targets} | page targets only: mean ` +
        `${pct(s.pageMean)}, runs >= 90 % ${s.pageOver90}/${s.runs}`,
    );
    return s;
  });
  const [best, next] = out.filter((s) => !s.reference).sort((a, b) => b.mean - a.mean || b.over90 - a.over90);
  note(
    `  best candidate: ${best.layout}, mean ${pct(best.mean)}, ${pts(best.mean - next.mean)} over ${next.layout};` +
      ` runs >= 90 %: ${best.over90} vs ${next.over90}`,
  );
  const key = (r) => `${r.page}:${r.visitor}:${r.owner}`;
  const base = new Map(rows.filter((r) => r.layout === '20 px rows').map((r) => [key(r), r]));
  for (const name of ['16 px rows', '24 px rows']) {
    const rs = rows.filter((r) => r.layout === name && base.has(key(r)));
    const d = rs.map((r) => r.share - base.get(key(r)).share);
    note(
      `  ${name} vs 20 px rows, run by run: mean ${pts(mean(d))}, better by > 1 pt in ` +
        `${d.filter((x) => x > 0.01).length}, worse by > 1 pt in ${d.filter((x) => x < -0.01).length} of ` +
        `${d.length}; ` +
        `peaks ${signed(sum(rs.map((r) => r.peaks - base.get(key(r)).peaks)))}`,
    );
  }
  return out;
}

/** The px candidates averaged over shifts of the row grid (rows: one per shift and run). */
export function summarizeShifted(rows, shifts, note) {
  if (!rows.length) return [];
  note(
    `\n  px rows averaged over row-grid shifts of ${shifts.map((f) => `${f}`).join(', ')} of a row (every ` +
      `element moved against the grid):`,
  );
  const names = [...new Set(rows.map((r) => r.layout))];
  const out = names.map((name) => {
    const rs = rows.filter((r) => r.layout === name);
    const n = shifts.length;
    const s = {
      layout: name,
      sameMean: mean(rs.filter((r) => r.same).map((r) => r.share)),
      otherMean: mean(rs.filter((r) => !r.same).map((r) => r.share)),
      over90: rs.filter((r) => r.share >= 0.9).length / n,
      runs: rs.length / n,
      peaks: sum(rs.map((r) => r.peaks)) / n,
      targets: sum(rs.map((r) => r.targets)) / n,
    };
    note(
      `    ${name.padEnd(19)} same width ${pct(s.sameMean).padStart(5)}, other width ` +
        `${pct(s.otherMean).padStart(5)}, runs >= 90 % ${s.over90.toFixed(1)}/${s.runs}, peaks ` +
        `${s.peaks.toFixed(1)}/${s.targets}`,
    );
    return s;
  });
  const base = out.find((s) => s.layout === '20 px rows');
  if (base)
    for (const s of out.filter((x) => x !== base))
      note(
        `    ${s.layout} vs 20 px rows: same width ${pts(s.sameMean - base.sameMean)}, other width ` +
          `${pts(s.otherMean - base.otherMean)}`,
      );
  return out;
}
