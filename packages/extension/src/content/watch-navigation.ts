type NavigationLike = EventTarget;

/**
 * Call `onPath` when the page's path changes without a load (a single-page app's `pushState`).
 * A content script runs in an isolated world and cannot see the page's `history` calls, so it
 * listens to the Navigation API's `currententrychange` where there is one (Chromium), and
 * otherwise checks `location.pathname` twice a second, only while the overlay is mounted.
 * Returns a stop function; `signal` also stops it.
 */
export function watchNavigation(
  win: Window,
  onPath: (path: string) => void,
  signal: AbortSignal,
  pollMs = 500,
): () => void {
  let last = win.location.pathname;
  const check = (): void => {
    const path = win.location.pathname;
    if (path === last) return;
    last = path;
    onPath(path);
  };
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
  } else {
    timer = setInterval(check, pollMs);
  }
  win.addEventListener('popstate', check, { signal });
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  signal.addEventListener('abort', stop, { once: true });
  return stop;
}
