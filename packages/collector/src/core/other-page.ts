/**
 * The page that absorbs paths past a site's page cap (store/page-cap.ts). Not a path (no leading
 * `/`), so no URL can collide with it; readers may ask for it like any other page (edge/query.ts).
 * Declared here, below both the edge and the store, so neither has to import the other for it.
 */
export const OTHER_PAGE = '(other)';
