// Budgets (DESIGN.md), min+brotli, as a site owner's bundler would ship them (esbuild,
// tree-shaken): a tracker's figure includes the helpers it pulls in. `src/size.test.ts` runs this
// in the test suite and prints the table. 1 KB = 1,000 B here.
//
// Budgets: heatmap core 2.0 KB, `init` 3.5 KB, script tag 3.6 KB. None is met yet, so each limit
// below is the measured size plus a little (a regression guard only; size.test.ts prints each entry
// beside its budget). The page key and the full URL normaliser now run in the collector (the SDK
// sends the pathname and client-stripped URLs): init 4,818 -> 4,599 B, script tag 4,837 -> 4,620 B,
// core 2,445 -> 2,430 B. What stands between each entry and its budget, marginal min+brotli bytes
// of each feature added after the budgets were set: core (+430 B over): element-true selectors
// ~450, the page's real scroll root ~200, the fixed layer ~120, the element-true click target
// ~115; init (+1,099 B over): the same four (~805 together), attributed dead clicks ~400, media
// passes and shadow roots ~215, the client-side URL strip ~120, dead clicks attributed through live
// regions, aria-controls and back/forward settling ~100. The one console warning naming the
// reason a collector refused a batch (its 403/400 `error`): core 2,430 -> 2,491 B, init 4,688 ->
// 4,754 B, script tag 4,707 -> 4,765 B. The per-tracker limits are
// regression guards too.
//
// OVER THE DESIGN BUDGETS (2.5 KB core, 4.8 KB init and script tag) since the third round of field
// fixes: core 2,687 B (+187), init 5,103 B (+303), script tag 5,099 B (+299). What each fix costs,
// size-limit entries before -> after: offline queue and `online` resend plus the CSP stop
// (transport 836 -> 983, +147, all in the core); keyboard activations at the element's centre
// (clicks +80); page x from the scrollable origin on right-to-left pages (moves 805 -> 849, +44;
// clicks too); dead clicks that had an effect (toggle, scroll, navigate, layout around the target
// changed by the click's own handlers: dead-clicks 719 -> 827, +108); shadow roots found when
// attached (forms +93, media +101, shared once in init); no view before a prerendered page is
// activated (pageviews +1). The limits below are the measured sizes plus a little, so a further
// regression still fails; bringing the three back under budget is open.
//
// Diet (size-limit, this build, before -> after): the script tag declares with `let`, not `const`
// (terser keeps `const`; a site's bundler already does this for the module entries): script tag
// 5,146 -> 5,120 B (-26). Tried and measured, no gain after brotli (kept out): terser's
// unsafe_arrows, pure_getters, unsafe_methods, unsafe_comps, toplevel and 2-5 passes (within
// +-12 B either way), a stable sort instead of two filters for the moves-last order, one `.then`
// for the refusal warning (each +3 to +13 B on init). Still over: core 2,726 B (+226 over 2.5 KB),
// init 5,154 B (+354 over 4.8 KB), script tag 5,120 B (+320 over 4.8 KB), so their limits stay at
// the measured size + 10 B. The warning merged after the figures above is in them (core 2,687 ->
// 2,726, init 5,103 -> 5,154, transport 983 -> 1,048).
//
// Dead clicks with an effect on state (a form control's value or check set by script, anything the
// click's own handlers change where it is rendered): init 5,154 -> 5,164 B, script tag 5,120 ->
// 5,116 B (the rule replaced the layout comparison). Then one snapshot string for what a click
// may change unseen (URL, selection, form controls) and one dropped counter in the transport:
// core 2,726 -> 2,721 B, init 5,164 -> 5,126 B, script tag 5,116 -> 5,094 B, dead-clicks 827 ->
// 796 B, transport 1,048 -> 1,030 B. Still over: core +221, init +326, script tag +294; limits at
// the measured size + 10 B. Where the bytes go (marginal min+brotli of each module in the init
// bundle): transport ~760, dead clicks ~540, clicks ~350, selectors ~390, page point ~240, scroll
// root ~210, media ~230, pageviews ~220, init ~300. Measured and not taken (each is behaviour):
// the CSP stop costs the core 77 B, the refusal warning 44 B.
// State classes a page toggles left out of selectors (`active`, `show`, `is-*`, ...: a ScrollSpy
// link clicked while `active` was drawn on whichever link was active when the owner looked), one
// alternation in the selector's skip pattern: core 2,721 -> 2,756 B (+35), init 5,126 -> 5,170 B
// (+44), script tag 5,094 -> 5,132 B (+38), clicks 1,539 -> 1,576 B (+37). Limits: measured + 10 B.

const tracker = (name, fn, limit) => ({
  name: `@heatlens/sdk/${name}`,
  path: `dist/${name}.js`,
  import: `{ ${fn} }`,
  limit,
});

module.exports = [
  {
    name: 'heatmap core (moves, clicks, scroll, transport)',
    path: 'dist/index.js',
    import: '{ trackMoves, trackClicks, trackScroll, createTransport }',
    limit: '2766 B',
  },
  { name: 'everything: init() and every tracker', path: 'dist/index.js', import: '{ init }', limit: '5180 B' },
  // Served as it is at GET /sdk.js: measured as built, not bundled again.
  {
    name: 'script tag: dist/heatlens.iife.js',
    path: 'dist/heatlens.iife.js',
    disablePlugins: ['@size-limit/esbuild'],
    limit: '5142 B',
  },
  // `import *` also ships the name of every export (a bundler keeps them for the namespace object).
  { name: 'every export: import *', path: 'dist/index.js', import: '*', limit: '5342 B' },
  tracker('transport', 'createTransport', '1040 B'),
  tracker('pageviews', 'trackPageviews', '670 B'),
  tracker('clicks', 'trackClicks', '1586 B'),
  tracker('rage-clicks', 'rageClicks', '200 B'),
  tracker('dead-clicks', 'deadClicks', '806 B'),
  tracker('moves', 'trackMoves', '870 B'),
  tracker('scroll', 'trackScroll', '650 B'),
  tracker('forms', 'trackForms', '485 B'),
  tracker('media', 'trackMedia', '850 B'),
  tracker('downloads', 'trackDownloads', '560 B'),
  tracker('outbound', 'trackOutbound', '500 B'),
  tracker('image-views', 'trackImageViews', '590 B'),
  tracker('engagement', 'trackEngagement', '360 B'),
  tracker('custom', 'createTrack', '100 B'),
];
