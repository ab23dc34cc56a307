/**
 * Just enough of Chrome's match patterns (`https://*.odoo.com/*`) for origin patterns: a scheme
 * (`*` = http and https), a host that may start with `*.`, and the path `/*`.
 */
export interface OriginPattern {
  scheme: string;
  host: string;
}

export function parseOriginPattern(pattern: string): OriginPattern | null {
  const match = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(pattern);
  return match ? { scheme: match[1] as string, host: match[2] as string } : null;
}

/** Whether every page `inner` matches is matched by `outer` too. */
export function patternCovers(outer: string, inner: string): boolean {
  const a = parseOriginPattern(outer);
  const b = parseOriginPattern(inner);
  if (!a || !b) return false;
  if (a.scheme !== '*' && a.scheme !== b.scheme) return false;
  if (a.host === '*' || a.host === b.host) return true;
  if (!a.host.startsWith('*.')) return false;
  const base = a.host.slice(2);
  const host = b.host.startsWith('*.') ? b.host.slice(2) : b.host;
  return host === base || host.endsWith(`.${base}`);
}
