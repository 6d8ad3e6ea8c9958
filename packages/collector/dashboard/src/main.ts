import { WINDOWS, type WindowName } from '@heatlens/schema/constants';
import type { PagesMessage } from '@heatlens/schema/live';
import { openLive, typeFrame, type LiveStatus } from '@heatlens/schema/live-client';
import { createAlertsPanel } from './alerts-panel.js';
import { byId, h } from './dom.js';
import { createEventsChart, type EventsChart } from './events-chart.js';
import type { ReadableSite } from '@heatlens/schema/live';
import { fetchSites, SitesError } from './fetch-sites.js';
import { createWindowPicker } from './window-picker.js';
import { summaryFigures } from './summary-figures.js';
import { formatClock, formatCount, formatDuration, formatRate, formatWindow } from './format.js';
import { createPageView } from './page-view.js';
import { renderPagesTable } from './pages-table.js';
import { createSetupPanel } from './setup-panel.js';
import { pagesFrom, renderSourceFilter, renderSourcesPanel } from './sources-panel.js';
import { clearToken, loadToken, saveToken } from './token-store.js';
import { readViewState, writeViewState, type ViewState } from './view-state.js';

// The dashboard's composition root: sign-in, site and window pickers, the live pages table and
// chart over one `/live` socket, and the page view over a second one while a page is open.

const SITE_KEY = 'heatlens.site';
const state = { token: '', site: '', window: '5m', path: '', kind: 'click', seg: 'all' };
// A referrer picked in the Sources panel: the pages table shows the pages it led to.
let referrer: string | undefined;
// Set from the URL once signed in: the view to reopen (a reload, or a shared link).
let wanted = readViewState();
let sites: ReadableSite[] = [];
let pagesLive: { close(): void } | undefined;
let chart: EventsChart | undefined;
let lastPages: PagesMessage | undefined;

const setStatus = (s: LiveStatus) => {
  if (s === 'error') return; // a dropped frame: the socket is still live
  const el = byId('status');
  el.dataset.status = s;
  el.textContent = s === 'live' ? 'Live' : s === 'connecting' ? 'Connecting…' : 'Reconnecting…';
};
const pageView = createPageView();
const alertsPanel = createAlertsPanel(byId('app'), (path) => openPage(path));

function showSignIn(error = ''): void {
  pagesLive?.close();
  pageView.close();
  byId('app').hidden = true;
  byId('signin').hidden = false;
  byId('signout').hidden = true;
  byId('signin-error').textContent = error;
  byId<HTMLInputElement>('token').focus();
}

async function signIn(token: string): Promise<void> {
  byId('signin-error').textContent = '';
  try {
    sites = await fetchSites(token);
  } catch (err) {
    if (err instanceof SitesError && err.reason === 'unauthorized') {
      clearToken();
      showSignIn(err.message);
    } else showSignIn(err instanceof Error ? err.message : String(err));
    return;
  }
  saveToken(token);
  state.token = token;
  lastCheck = 0;
  byId('signin').hidden = true;
  byId('app').hidden = false;
  byId('signout').hidden = false;
  const picker = byId<HTMLSelectElement>('site');
  picker.replaceChildren(...sites.map((s) => h('option', { value: s.id }, s.id)));
  if (sites.length === 0) {
    byId('pages').replaceChildren(
      h(
        'p',
        { class: 'empty-note' },
        'This token can read no site. Add one to the HEATLENS_SITES file and restart the collector.',
      ),
    );
    return;
  }
  const view = wanted;
  wanted = {};
  let remembered: string | undefined;
  try {
    remembered = localStorage.getItem(SITE_KEY) ?? undefined;
  } catch {
    // storage disabled: the first site
  }
  applyView({ ...view, site: view.site ?? remembered });
}

/** Show a view (from the URL): its site, window, and page view if it names a page. */
function applyView(view: Partial<ViewState>): void {
  Object.assign(state, {
    window: view.window ?? state.window,
    kind: view.kind ?? state.kind,
    seg: view.seg ?? state.seg,
  });
  byId<HTMLInputElement>(`window-${state.window}`).checked = true;
  byId<HTMLSelectElement>('kind').value = state.kind;
  byId<HTMLSelectElement>('seg').value = state.seg;
  selectSite(sites.some((s) => s.id === view.site) ? (view.site as string) : (sites[0] as ReadableSite).id);
  if (view.path && view.site === state.site) openPage(view.path);
}

/** Mirror the view into the URL. */
const remember = () => writeViewState(state);

function selectSite(site: string): void {
  state.site = site;
  state.window = windowPicker.forSite(sites.find((s) => s.id === site)?.retentionDays, state.window);
  referrer = undefined;
  state.path = '';
  byId<HTMLSelectElement>('site').value = site;
  try {
    localStorage.setItem(SITE_KEY, site);
  } catch {
    // not remembered
  }
  pageView.close();
  connectPages();
  showSetup();
  remember();
}

// The window picker: the schema's viewer windows, those past the site's retention disabled.
const windowPicker = createWindowPicker(byId('windows'), state.window, (w) => {
  state.window = w;
  connectPages();
  showPage();
});
const setupPanel = createSetupPanel(byId('setup'));
/** The chosen site's setup panel: refused batches and what to do. */
function showSetup(): void {
  const site = sites.find((s) => s.id === state.site);
  if (site) setupPanel.show(site, state.token);
}

/** What an empty window says: how to get data in. */
function emptyHint(): Node {
  const origin = location.origin;
  return h(
    'div',
    { class: 'empty-note' },
    h('p', {}, `No activity on ${state.site} in the ${formatWindow(windowMs())}. Add the script tag to your site:`),
    h('pre', {}, `<script src="${origin}/sdk.js" data-site="${state.site}" defer></script>`),
    h('p', {}, 'or run `pnpm simulate` to send demo traffic.'),
  );
}

const windowMs = () => WINDOWS[state.window as WindowName] ?? WINDOWS['5m'];

function renderPages(msg: PagesMessage): void {
  lastPages = msg;
  alertsPanel.update(msg.alerts);
  chart ??= createEventsChart(byId('chart'));
  chart.update(msg);
  const table = renderPagesTable(
    { ...msg, pages: pagesFrom(msg.pages, referrer) },
    { selected: state.path, onSelect: openPage, empty: emptyHint() },
  );
  byId('pages').replaceChildren(table);
  renderSourceFilter(byId('source-filter'), referrer, () => pickReferrer(undefined));
  const views = msg.pages.reduce((a, p) => a + p.views, 0);
  byId('sources').replaceChildren(
    renderSourcesPanel(msg.sources, {
      views,
      referrer,
      onReferrer: (r) => pickReferrer(r === referrer ? undefined : r),
    }),
  );
  const f = summaryFigures(msg);
  byId('summary').replaceChildren(
    h('span', {}, h('strong', { 'data-summary': 'pages' }, formatCount(f.pages)), ` pages in the ${f.window}`),
    h('span', {}, h('strong', { 'data-summary': 'events' }, formatCount(f.events)), ` events in the ${f.window}`),
    h(
      'span',
      { title: `over the last ${formatDuration(f.rateSpanMs)}` },
      h('strong', { 'data-summary': 'rate' }, formatRate(f.rate)),
      ` events/s in the last ${formatDuration(f.rateSpanMs)}`,
    ),
    h('span', { class: 'muted', 'data-summary': 'chart' }, `chart: events/s per ${f.chartBucket}, ${f.chartWindow}`),
    h('span', { class: 'muted' }, `updated ${formatClock(msg.to)}`),
  );
}

function pickReferrer(r: string | undefined): void {
  referrer = r;
  if (lastPages) renderPages(lastPages);
}

function connectPages(): void {
  pagesLive?.close();
  lastPages = undefined;
  byId('pages').replaceChildren(h('p', { class: 'muted' }, 'Connecting to the live feed…'));
  pagesLive = openLive({
    base: location.href,
    query: { site: state.site, window: state.window },
    token: state.token,
    parse: typeFrame,
    onStatus: (s) => {
      setStatus(s);
      if (s === 'reconnecting') void recheckToken();
    },
    onMessage: (msg) => {
      if (msg.type === 'pages') renderPages(msg);
      else if (msg.type === 'error')
        byId('pages').replaceChildren(h('p', { class: 'error' }, `The collector refused the feed: ${msg.error}`));
    },
  });
}

let lastCheck = 0;
/**
 * A feed that keeps failing may mean the token was rotated out (the collector closes such
 * sockets with 1008 and refuses them after): ask /api/sites, at most every 2 s, and sign out
 * with a reason instead of reconnecting forever.
 */
async function recheckToken(): Promise<void> {
  if (Date.now() - lastCheck < 2000) return;
  lastCheck = Date.now();
  const token = state.token;
  try {
    await fetchSites(token);
  } catch (err) {
    if (err instanceof SitesError && err.reason === 'unauthorized' && token === state.token) {
      clearToken();
      state.token = '';
      showSignIn('Your read token is no longer accepted (it may have been rotated). Sign in with the new one.');
    }
  }
}

function openPage(path: string): void {
  state.path = path;
  if (lastPages) renderPages(lastPages); // highlight the row now, not at the next frame
  showPage();
  // The view opens below the table, often below the fold: bring it to the owner who asked for it.
  // Instantly: a smooth scroll is cut short when the next live frame rebuilds the table above.
  byId('page-view').scrollIntoView({ block: 'start' });
}

function showPage(): void {
  remember();
  if (!state.path) return;
  pageView.show({
    site: state.site,
    path: state.path,
    kind: state.kind,
    window: state.window,
    seg: state.seg,
    token: state.token,
  });
}

byId('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = byId<HTMLInputElement>('token').value.trim();
  if (token) void signIn(token);
});
byId('signout').addEventListener('click', () => {
  clearToken();
  showSignIn();
});
byId<HTMLSelectElement>('site').addEventListener('change', (e) => selectSite((e.target as HTMLSelectElement).value));
byId<HTMLSelectElement>('kind').addEventListener('change', (e) => {
  state.kind = (e.target as HTMLSelectElement).value;
  showPage();
});
byId<HTMLSelectElement>('seg').addEventListener('change', (e) => {
  state.seg = (e.target as HTMLSelectElement).value;
  showPage();
});
byId('page-close').addEventListener('click', () => {
  state.path = '';
  remember();
  pageView.close();
  if (lastPages) renderPages(lastPages);
});

// A link pasted into this tab changes only the fragment: show what it names.
window.addEventListener('hashchange', () => {
  if (state.token && sites.length) applyView(readViewState());
});

const saved = loadToken();
if (saved) void signIn(saved);
else showSignIn();
