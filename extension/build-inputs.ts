/**
 * Build-time inputs of the extension (DESIGN.md, "Extension settings"), read from the
 * environment by manifest.config.ts and the Vite config:
 * - ODOO_URL: comma list of Odoo origins the content script runs on and the extension may reach;
 * - WORKER_URL: the worker the extension talks to unless the options page or policy says otherwise.
 * Without them the build targets Odoo Online (`https://*.odoo.com`) and a local `wrangler dev`.
 */

export const DEFAULT_ODOO_ORIGINS = ['https://*.odoo.com'];
export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';

export interface BuildInputs {
  /** Origins such as `https://acme.odoo.com` or `https://*.odoo.com` (a leading `*.` wildcard is allowed). */
  odooOrigins: string[];
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
    odooOrigins: odooOrigins.length > 0 ? odooOrigins : DEFAULT_ODOO_ORIGINS,
    workerUrl: env.WORKER_URL?.trim() ? toOrigin(env.WORKER_URL) : DEFAULT_WORKER_URL,
  };
}

/** Match pattern for every page of an origin (`https://*.odoo.com` → `https://*.odoo.com/*`). */
export function originMatchPattern(origin: string): string {
  // Match patterns take no port: Chrome matches any port when the host matches.
  return `${origin.replace(/:\d+$/, '')}/*`;
}
