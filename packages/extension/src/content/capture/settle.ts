/** Options of `settle`. */
export type SettleOptions = {
  /** longest wait, ms; default 1,500 */
  maxMs?: number;
  /** how often the layout is looked at, ms; default 60 */
  everyMs?: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Two animation frames (the scroll painted), or 100 ms where frames do not run (a hidden tab). */
function painted(win: Window): Promise<void> {
  return Promise.race([
    new Promise<void>((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve()))),
    sleep(100),
  ]);
}

/**
 * Wait until a scrolled page has settled: painted, the root's content height unchanged between two
 * looks and every image in the viewport loaded (lazy images and infinite lists grow the page as
 * it scrolls), within `maxMs`. Never rejects: a page that never settles is captured as it is then.
 */
export async function settle(win: Window, root: Element, opts: SettleOptions = {}): Promise<void> {
  const until = performance.now() + (opts.maxMs ?? 1_500);
  const every = opts.everyMs ?? 60;
  await painted(win);
  let height = root.scrollHeight;
  while (performance.now() < until) {
    await sleep(every);
    const next = root.scrollHeight;
    if (next === height && imagesLoaded(win)) break;
    height = next;
  }
  await painted(win);
}

function imagesLoaded(win: Window): boolean {
  const vh = win.innerHeight;
  for (const img of win.document.images) {
    if (img.complete) continue;
    const r = img.getBoundingClientRect();
    if (r.bottom > 0 && r.top < vh && r.width > 0) return false;
  }
  return true;
}
