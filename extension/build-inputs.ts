/**
 * Build-time inputs of the extension (DESIGN.md, "Extension settings"), read from the
 * environment by manifest.config.ts and the Vite config:
 * - ODOO_URL: comma list of the team's Odoo origins: the content script is declared for them in
 *   the manifest, and the extension may reach them with no prompt;
 * - WORKER_URL: the worker the extension talks to unless the options page or policy says otherwise.
 * Without ODOO_URL the build declares the content script for no site (issue 12, item 14): it
 * keeps host access to Odoo Online (`https://*.odoo.com`), so a tenant there needs no permission
 * prompt, and the background registers the script for the configured tenant only (the Odoo URL
 * of the options page or of Chrome policy, extension/lib/odoo-origins.ts). Without WORKER_URL,
 * a local `wrangler dev`.
 */

/** Host access of a build without ODOO_URL: every Odoo Online tenant, for no prompt on any. */
export const ODOO_ONLINE_ORIGINS = ['https://*.odoo.com'];
export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';

export interface BuildInputs {
  /**
   * The ODOO_URL origins, such as `https://acme.odoo.com` (a leading `*.` wildcard is allowed):
   * where the manifest runs the content script. Empty without ODOO_URL.
   */
  odooOrigins: string[];
  /** Odoo origins the extension may reach with no prompt: the ODOO_URL ones, else Odoo Online. */
  odooHostAccess: string[];
  /** Origin of the default worker, e.g. `https://calls.acme.workers.dev`. */
  workerUrl: string;
}

/** `https://acme.odoo.com/web#…` → `https://acme.odoo.com`; keeps a `*.` host wildcard. Throws on anything else. */
export function toOrigin(input: string): string {
  const trimmed = input.trim();
  const match = /^(https?):\/\/(\*\.)?([^/?#]+)/i.exec(trimmed);
  if (!match) throw new Error(`Not an http(s) origin: "${trimmed}"`);
  const [, scheme, wildcard = '', host] = match;
  // Let URL validate the host and port; the wildcard is put back afterwards.
  const url = new URL(`${scheme}://${host}`);
  return `${url.protocol}//${wildcard}${url.host}`;
}

export function readBuildInputs(env: Record<string, string | undefined>): BuildInputs {
  const odooOrigins = (env.ODOO_URL ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(toOrigin);
  return {
    odooOrigins,
    odooHostAccess: odooOrigins.length > 0 ? odooOrigins : ODOO_ONLINE_ORIGINS,
    workerUrl: env.WORKER_URL?.trim() ? toOrigin(env.WORKER_URL) : DEFAULT_WORKER_URL,
  };
}

/** Match pattern for every page of an origin (`https://*.odoo.com` → `https://*.odoo.com/*`). */
export function originMatchPattern(origin: string): string {
  // Match patterns take no port: Chrome matches any port when the host matches.
  return `${origin.replace(/:\d+$/, '')}/*`;
}
