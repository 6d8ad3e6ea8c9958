// The account area is a single-page app: links with `data-route` change the view with
// history.pushState and never reload, as in a real client-side router. Back/forward use popstate.
const views = {
  '/app':
    '<h2>Overview</h2><p>Welcome back. You have <strong>2</strong> orders on the way.</p>' +
    '<p><button class="button" id="spa-reorder" type="button">Reorder your last basket</button></p>',
  '/app/orders':
    '<h2>Orders</h2><ul id="order-list"><li>#1042 · Trail Runner · shipped</li>' +
    '<li>#1038 · Ceramic Mug ×2 · delivered</li></ul>',
  '/app/settings':
    '<h2>Settings</h2><form id="settings" name="settings"><label>Display name ' +
    '<input id="settings-name" name="display"></label> <button class="button" type="submit">Save</button></form>',
};

function render(path) {
  const view = document.getElementById('spa-view');
  if (!view) return;
  view.innerHTML = views[path] ?? views['/app'];
  document.title = `${path === '/app' ? 'My account' : path.slice(5)} · Northwind Goods`;
  for (const a of document.querySelectorAll('#spa-nav a[data-route]')) {
    if (a.getAttribute('href') === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[data-route]') : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  const path = a.getAttribute('href');
  if (path && path !== location.pathname) history.pushState({}, '', path);
  render(location.pathname);
});
document.addEventListener('submit', (e) => {
  if (e.target instanceof HTMLFormElement && e.target.id === 'settings') e.preventDefault();
});
window.addEventListener('popstate', () => render(location.pathname));
render(location.pathname);
