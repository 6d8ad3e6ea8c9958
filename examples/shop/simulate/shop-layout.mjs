// Where things are on the shop's pages, as fractions of the document (measured in Chromium at
// 1280 px wide, rounded), so synthetic clicks land where real ones would. `h` is the document
// height in px at 1280 px; narrower viewports make pages taller. `sel` is a CSS query that finds
// the element; what a click on it sends is recorded in Chromium (record-clicks.mjs, shop-clicks.json).

/** @typedef {{sel: string, fx: number, fy: number}} Spot */

/** @type {Record<string, {h: number, spots: Record<string, Spot>}>} */
export const LAYOUT = {
  home: {
    h: 1700,
    spots: {
      hero: { sel: '#hero-shop', fx: 0.17, fy: 0.14 },
      download: { sel: '#download-catalogue', fx: 0.35, fy: 0.14 },
      card: { sel: '#product-grid > li > a', fx: 0.2, fy: 0.35 },
      outbound: { sel: '#outbound-link', fx: 0.52, fy: 0.86 },
      promo: { sel: '#promo-badge', fx: 0.3, fy: 0.9 },
      nav: { sel: '#main-nav > a', fx: 0.75, fy: 0.02 },
    },
  },
  product: {
    h: 900,
    spots: {
      cart: { sel: '#add-to-cart', fx: 0.6, fy: 0.5 },
      size: { sel: '#product-size', fx: 0.58, fy: 0.43 },
      photo: { sel: 'img.product-photo', fx: 0.3, fy: 0.35 },
      price: { sel: '#product-price', fx: 0.57, fy: 0.3 },
      next: { sel: '#next-product', fx: 0.62, fy: 0.65 },
      coupon: { sel: '#apply-coupon', fx: 0.6, fy: 0.37 },
      nav: { sel: '#main-nav > a', fx: 0.75, fy: 0.03 },
    },
  },
  guide: {
    h: 4900,
    spots: {
      back: { sel: '#guide-back', fx: 0.3, fy: 0.96 },
      signup: { sel: '#guide-signup', fx: 0.5, fy: 0.96 },
      text: { sel: '#guide-2 > p', fx: 0.4, fy: 0.2 },
    },
  },
  media: {
    h: 800,
    spots: {
      video: { sel: '#demo-video', fx: 0.25, fy: 0.35 },
      audio: { sel: '#demo-audio', fx: 0.2, fy: 0.62 },
      download: { sel: '#media-download', fx: 0.25, fy: 0.72 },
    },
  },
  signup: {
    h: 800,
    spots: {
      name: { sel: '#signup-name', fx: 0.3, fy: 0.3 },
      email: { sel: '#signup-email', fx: 0.3, fy: 0.4 },
      consent: { sel: '#signup-consent', fx: 0.13, fy: 0.48 },
      submit: { sel: '#signup-submit', fx: 0.2, fy: 0.56 },
    },
  },
  thanks: { h: 720, spots: { back: { sel: '#thanks-back', fx: 0.5, fy: 0.25 } } },
  app: {
    h: 800,
    spots: {
      orders: { sel: '#spa-nav > a[href="/app/orders"]', fx: 0.2, fy: 0.2 },
      settings: { sel: '#spa-nav > a[href="/app/settings"]', fx: 0.3, fy: 0.2 },
      reorder: { sel: '#spa-reorder', fx: 0.25, fy: 0.38 },
    },
  },
};

/** Page layout name of a shop path. */
export function layoutOf(path) {
  if (path === '/') return 'home';
  if (path.startsWith('/product/')) return 'product';
  if (path === '/signup/thanks') return 'thanks';
  if (path.startsWith('/app')) return 'app';
  return path.slice(1);
}
