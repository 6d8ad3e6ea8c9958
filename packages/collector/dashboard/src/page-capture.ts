import { fetchCaptureImage, fetchCaptures, pickCapture, type Capture } from './capture-api.js';

/**
 * A page view's captures: the list for the page shown (fetched once per page), the capture to
 * draw over for a width segment, and its picture as an object URL (fetched once, the last one
 * revoked when another replaces it). `onReady` is called when a list or a picture arrives.
 */
export function createCaptureSource(onReady: () => void) {
  let key = '';
  let list: Capture[] | undefined;
  let image: { id: string; url: string } | undefined;
  let loading: string | undefined;
  let token = '';
  const drop = () => {
    if (image) URL.revokeObjectURL(image.url);
    image = undefined;
  };
  return {
    /** Start on a page (a no-op for the page already loaded). */
    load(site: string, path: string, readToken: string): void {
      const next = `${site}\n${path}\n${readToken}`;
      if (next === key) return;
      key = next;
      token = readToken;
      list = undefined;
      loading = undefined;
      drop();
      fetchCaptures(site, path, readToken)
        .catch(() => [] as Capture[])
        .then((found) => {
          if (key !== next) return;
          list = found;
          onReady();
        });
    },
    /** Whether the list has arrived (before it, the view waits instead of drawing the grey page). */
    listed: () => list !== undefined,
    /** The page's captures listed so far (every width; newest first). */
    all: (): readonly Capture[] => list ?? [],
    /** The capture for `seg` (see `pickCapture`), if its picture is here; starts fetching it otherwise. */
    pick(seg: string, views: Partial<Record<string, number>>): { capture: Capture; url: string } | undefined {
      const c = list && pickCapture(list, seg, views);
      if (!c) return undefined;
      if (image?.id === c.id) return { capture: c, url: image.url };
      if (loading !== c.id) {
        loading = c.id;
        const at = key;
        fetchCaptureImage(c.id, token).then(
          (url) => {
            if (key !== at || loading !== c.id) return URL.revokeObjectURL(url);
            drop();
            image = { id: c.id, url };
            onReady();
          },
          () => {
            // A picture that cannot be fetched: the grey page stays (the list says it exists).
            if (key === at) list = list?.filter((x) => x.id !== c.id);
          },
        );
      }
      return undefined;
    },
    close(): void {
      key = '';
      list = undefined;
      drop();
    },
  };
}
