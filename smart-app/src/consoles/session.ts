/** The consoles, named by the API role each signs in with. */
export type ConsoleRole = 'quality' | 'admin' | 'platform';

/**
 * The API token lives in sessionStorage: it goes with the browser tab, is never written to the URL
 * (where history, proxies and shared links would keep it) and never to localStorage.
 */
const storageKey = (role: ConsoleRole) => `huren.console.${role}.token`;

export function storedToken(role: ConsoleRole): string | null {
  try {
    return window.sessionStorage.getItem(storageKey(role));
  } catch {
    // Storage switched off: the token lives only as long as the page.
    return null;
  }
}

export function storeToken(role: ConsoleRole, token: string): void {
  try {
    window.sessionStorage.setItem(storageKey(role), token);
  } catch {
    // As above: signed in for this page only.
  }
}

export function forgetToken(role: ConsoleRole): void {
  try {
    window.sessionStorage.removeItem(storageKey(role));
  } catch {
    // Nothing was stored.
  }
}
