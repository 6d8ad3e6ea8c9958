import type { Layout } from './project.js';

/** For the tests: a 1000 x 500 viewport scrolled to y 1000 of a 1000 x 6000 page, the root the document. */
export const SCROLLED: Layout = {
  rootLeft: 0,
  rootTop: 0,
  rootWidth: 1000,
  rootHeight: 500,
  scrollX: 0,
  scrollY: 1000,
  docWidth: 1000,
  docHeight: 6000,
  viewWidth: 1000,
  viewHeight: 500,
};
