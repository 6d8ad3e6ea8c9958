/**
 * An AbortController that also aborts when `parent` does, so the caller's signal and the
 * tracker's own `Stop` end the same listeners, each in one call; `cleanup` runs on abort.
 */
export function stopper(parent?: AbortSignal, cleanup?: () => void): AbortController {
  const c = new AbortController();
  parent?.addEventListener('abort', () => c.abort());
  if (cleanup) c.signal.addEventListener('abort', cleanup);
  return c;
}
