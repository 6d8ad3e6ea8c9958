/**
 * An AbortController that also aborts when `parent` does, so one caller signal and the tracker's
 * own `Stop` end the same listeners. Listeners added with its signal are removed in one call.
 */
export function stopper(parent?: AbortSignal): AbortController {
  const c = new AbortController();
  if (parent) parent.aborted ? c.abort() : parent.addEventListener('abort', () => c.abort(), { signal: c.signal });
  return c;
}
