// Budgets from DESIGN.md, min+brotli. Each entry is bundled the way a site owner's bundler would
// (esbuild, tree-shaken), so a tracker's figure includes the helpers it pulls in.
const tracker = (name, fn, limit) => ({ name: `@heatlens/sdk/${name}`, path: `dist/${name}.js`, import: `{ ${fn} }`, limit });

module.exports = [
  {
    name: 'heatmap core (moves, clicks, scroll, transport)',
    path: 'dist/index.js',
    import: '{ trackMoves, trackClicks, trackScroll, createTransport }',
    limit: '1.5 KB',
  },
  { name: 'everything: init() and every tracker', path: 'dist/index.js', import: '*', limit: '3 KB' },
  { name: 'script tag: dist/heatlens.iife.js', path: 'dist/heatlens.iife.js', limit: '3 KB' },
  tracker('transport', 'createTransport', '700 B'),
  tracker('pageviews', 'trackPageviews', '600 B'),
  tracker('clicks', 'trackClicks', '800 B'),
  tracker('moves', 'trackMoves', '400 B'),
  tracker('scroll', 'trackScroll', '450 B'),
  tracker('forms', 'trackForms', '400 B'),
  tracker('media', 'trackMedia', '500 B'),
  tracker('downloads', 'trackDownloads', '550 B'),
  tracker('outbound', 'trackOutbound', '450 B'),
  tracker('image-views', 'trackImageViews', '600 B'),
  tracker('engagement', 'trackEngagement', '450 B'),
  tracker('custom', 'createTrack', '150 B'),
];
