import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const FIXTURES = fileURLToPath(new URL('../../fixtures/odoo/', import.meta.url));

/**
 * The team's Odoo Online tenant: the build's default host access (`https://*.odoo.com/*`)
 * covers it, so making it the Odoo URL needs no permission prompt.
 */
export const ODOO_HOST = 'acme.odoo.com';
export const ODOO_ORIGIN = `https://${ODOO_HOST}`;
/** Another tenant of Odoo Online, serving the same pages: not the team's, so no call buttons. */
export const OTHER_TENANT_ORIGIN = 'https://other.odoo.com';

/**
 * Odoo-like addresses → fixture pages. The hash of 17.0 URLs never reaches a server, so `/web`
 * serves the 17.0 lead form whatever the hash says.
 */
const ROUTES: Record<string, string> = {
  '/web': 'lead-form-17.0.html',
  '/odoo/crm/14': 'lead-form-18.0.html',
  '/odoo/action-crm.crm_lead_all_leads': 'lead-list-17.0.html',
  '/odoo/crm': 'lead-kanban-17.0.html',
  '/odoo/contacts/41': 'contact-form-country-18.0.html',
  '/odoo/action-crm.crm_lead_all_leads_by_country': 'lead-list-country-18.0.html',
};

/** A page of Odoo's website on the same origin: not the web client, so no buttons. */
const WEBSITE_PAGE =
  '<!DOCTYPE html><html><head><title>Contact us</title></head><body class="o_website"><p><a href="tel:+3210588558">+32 10 588 558</a></p></body></html>';

export interface OdooPages {
  /** Chromium flag that sends every `*.odoo.com` tenant to this server (no DNS, no internet). */
  hostResolverRule: string;
  close(): Promise<void>;
}

/**
 * Serves the fixture pages over HTTPS at Odoo-like URLs on an ephemeral loopback port. Chromium
 * reaches it as any `https://<tenant>.odoo.com` through --host-resolver-rules (its certificate
 * is self-signed; the test browser runs with --ignore-certificate-errors), so the extension is
 * tested as built for production, with its default host access to `https://*.odoo.com/*`: the
 * tenant set as the Odoo URL gets call buttons, the others do not.
 */
export async function startOdooPages(): Promise<OdooPages> {
  const { private: key, cert } = await generate([{ name: 'commonName', value: ODOO_HOST }], {
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
  });
  const server: Server = createServer({ key, cert }, (request, response) => {
    const path = new URL(request.url ?? '/', ODOO_ORIGIN).pathname;
    const fixture = ROUTES[path];
    if (fixture === undefined && path !== '/contactus') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = fixture ? readFileSync(`${FIXTURES}${fixture}`, 'utf8') : WEBSITE_PAGE;
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hostResolverRule: `--host-resolver-rules=MAP *.odoo.com:443 127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
