// The read token lives in this browser's localStorage, under the dashboard's own origin: the
// collector never sets a cookie, and a token in the URL fragment (#token=...) is taken once and
// removed from the address bar, so `pnpm start` can print a link that signs in directly.

const KEY = 'heatlens.readToken';

/** The saved token, taking one from `#token=` first when present. */
export function loadToken(): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    saveToken(fromHash);
    params.delete('token'); // the rest of the fragment is the view (view-state.ts)
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    return fromHash;
  }
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage disabled: sign in every time
  }
}

/** Remember the token in this browser. */
export function saveToken(token: string): void {
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // storage disabled: the session still works until reload
  }
}

/** Forget the token (sign out). */
export function clearToken(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
