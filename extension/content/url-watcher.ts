/** The Navigation API (Chrome 102+), not yet in TypeScript's DOM library. */
interface NavigationLike extends EventTarget {}

/**
 * Calls `onChange` when the page's URL may have changed without a reload: Odoo's router uses
 * history.pushState (17.2+ paths) and hash changes (16/17.0). The Navigation API reports
 * pushState from the page's own world; the caller also re-checks the URL on every DOM batch,
 * which covers browsers without it.
 */
export function watchUrl(onChange: () => void, signal: AbortSignal): void {
  window.addEventListener('popstate', onChange, { signal });
  window.addEventListener('hashchange', onChange, { signal });
  const navigation = (window as Window & { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('currententrychange', onChange, { signal });
}
