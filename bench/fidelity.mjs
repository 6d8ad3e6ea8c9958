#!/usr/bin/env node
// `pnpm bench --only=fidelity` (or `node bench/fidelity.mjs [--pages=a,b] [--widths=390,1280]`):
// does the owner's overlay show click heat on the elements visitors clicked?
//
// Synthetic visitors in Chromium click known targets on pages built after the layouts that
// misplaced heat on real sites, at 390, 768, 1280, 1440 and 1920 px. Then the owner's overlay (the
// built extension, in Chromium) is read back as pixels at the visitors' width and at another width
// of the same segment, and scored: the share of click heat inside the targets' boxes, and whether
// the hottest point near each target lies inside it. Goal: >= 90 % inside, every peak inside.
// Prints; asserts nothing. Needs `pnpm build`.
import { PAGES } from './fidelity/pages.mjs';
import { startRig } from './fidelity/rig.mjs';
import { scoreOverlay } from './fidelity/measure.mjs';

/** Owner widths per visitor width: the same, and another inside the same width segment. */
const OWNER_WIDTHS = { 390: 600, 768: 1100, 1280: 1440, 1440: 1920, 1920: 1280 };
const CLICKS_PER_TARGET = 6;

function rng(seed) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function clickTargets(page, spec, random) {
  let clicks = 0;
  const rootSel = spec.root ?? null;
  const boxOf = (css) =>
    page.evaluate((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return r && r.width > 0 ? { x: r.left, y: r.top, w: r.width, h: r.height } : null;
    }, css);
  const clickIn = async (b, n) => {
    for (let i = 0; i < n; i++) {
      await page.mouse.move(b.x + b.w * (0.1 + 0.8 * random()), b.y + b.h * (0.1 + 0.8 * random()), { steps: 2 });
      await page.mouse.down();
      await page.mouse.up();
      clicks++;
      await page.waitForTimeout(40);
    }
  };
  const scrollTo = (y) =>
    page.evaluate(
      ([sel, top]) => ((sel ? document.querySelector(sel) : document.scrollingElement).scrollTop = top),
      [rootSel, y],
    );
  const early = spec.targets.filter((t) => t.early);
  for (const t of early) {
    const b = await boxOf(t.css);
    if (b) await clickIn(b, CLICKS_PER_TARGET / 2);
  }
  if (spec.growAfterMs) await page.waitForTimeout(spec.growAfterMs + 300);
  for (const t of spec.targets) {
    if (t.fixed) {
      for (const y of t.atScroll) {
        await scrollTo(y);
        await page.waitForTimeout(50);
        const b = await boxOf(t.css);
        if (b) await clickIn(b, Math.ceil(CLICKS_PER_TARGET / t.atScroll.length));
      }
      continue;
    }
    await page.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), t.css);
    await page.waitForTimeout(50);
    const b = await boxOf(t.css);
    if (b) await clickIn(b, t.early ? CLICKS_PER_TARGET / 2 : CLICKS_PER_TARGET);
  }
  return clicks;
}

const pct = (x) => `${Math.round(100 * x)} %`;

/** Runs the benchmark; returns rows `{page, visitor, owner, inside, peaks}`. */
export async function runFidelity({
  note = console.log,
  pages = PAGES.map((p) => p.name),
  widths = Object.keys(OWNER_WIDTHS).map(Number),
} = {}) {
  const specs = PAGES.filter((p) => pages.includes(p.name));
  const rig = await startRig(specs);
  const rows = [];
  const sent = new Map();
  try {
    for (const spec of specs) {
      for (const width of widths) {
        const run = `w${width}`;
        const url = rig.urlOf(spec, run);
        const path = new URL(url).pathname;
        const v = await rig.visitor(width);
        await v.page.goto(url);
        await v.page.waitForFunction(() =>
          performance.getEntriesByType('resource').some((r) => r.name.endsWith('/sdk.js')),
        );
        const clicks = await clickTargets(v.page, spec, rng(width));
        await v.page.goto('about:blank');
        await v.close();
        sent.set(path, (sent.get(path) ?? 0) + clicks);
        await rig.waitForClicks(path, sent.get(path)).catch((e) => note(`  ${spec.name} @${width}: ${e.message}`));
        for (const ownerWidth of [width, OWNER_WIDTHS[width]]) {
          const tab = await rig.ownerTab(url, ownerWidth);
          if (spec.growAfterMs) await tab.waitForTimeout(spec.growAfterMs + 300);
          await tab.waitForTimeout(500);
          const s = await scoreOverlay(tab, spec.targets, spec.root);
          await tab.close();
          const peaks = s.peaks.filter(Boolean).length;
          rows.push({
            page: spec.name,
            visitor: width,
            owner: ownerWidth,
            inside: s.inside,
            peaks,
            targets: spec.targets.length,
            missed: spec.targets.filter((_, i) => !s.peaks[i]).map((t) => t.name),
          });
          note(
            `  ${spec.name.padEnd(18)} visitors ${String(width).padStart(4)}  owner ${String(ownerWidth).padStart(4)}` +
              `  heat inside ${pct(s.inside).padStart(5)}  peaks ${peaks}/${spec.targets.length}` +
              (peaks < spec.targets.length ? `  (missed: ${rows.at(-1).missed.join(', ')})` : ''),
          );
        }
      }
    }
  } finally {
    await rig.close();
  }
  const n = rows.length || 1;
  const meet = rows.filter((r) => r.inside >= 0.9 && r.peaks === r.targets).length;
  note(
    `\n  fidelity: mean heat inside ${pct(rows.reduce((a, r) => a + r.inside, 0) / n)}, worst ` +
      `${pct(Math.min(...rows.map((r) => r.inside)))}; ` +
      `peaks ${rows.reduce((a, r) => a + r.peaks, 0)}/${rows.reduce((a, r) => a + r.targets, 0)}; runs meeting ` +
      `the goal (>= 90 %, all peaks): ${meet}/${rows.length}`,
  );
  return { rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  await runFidelity({
    ...(arg('pages') ? { pages: arg('pages').split(',') } : {}),
    ...(arg('widths') ? { widths: arg('widths').split(',').map(Number) } : {}),
  });
}
