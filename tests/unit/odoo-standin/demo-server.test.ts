/** The demo pages over HTTP, as a browser and the page's own script reach them. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../support/odoo-standin/index';
import { addDemoPages } from '../../support/odoo-standin/pages/index';
import { useStandin } from './use-standin';

describe('demo pages on the stand-in', () => {
  const odoo = useStandin();
  const placed: string[] = [];
  let failNextCall = false;

  beforeAll(() => {
    addDemoPages(odoo.standin, {
      simulateIncomingCall: (from) => {
        if (failNextCall) throw new Error('no such number');
        placed.push(from);
        return `CA${'7'.repeat(32)}`;
      },
    });
  });
  beforeEach(() => {
    placed.length = 0;
    failNextCall = false;
  });

  const get = (path: string) => fetch(new URL(path, odoo.standin.url), { redirect: 'manual' });
  const callIn = (body: unknown) =>
    fetch(new URL('/__demo/incoming-call', odoo.standin.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('sends / to the pipeline, and serves pages, the 17.0 shell, the script and the stylesheet', async () => {
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/odoo/crm');
    for (const [path, type] of [
      ['/odoo/crm', 'text/html'],
      ['/odoo/crm/14', 'text/html'],
      ['/web', 'text/html'],
      ['/__demo/view?id=14&model=crm.lead&view_type=form', 'text/html'],
      ['/__demo/client.js', 'text/javascript'],
      ['/__demo/odoo.css', 'text/css'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain(type);
    }
    expect(await (await get('/odoo/crm/14')).text()).toContain('Office Design Project');
  });

  it('answers 404 for a record or an address it does not have', async () => {
    expect((await get('/odoo/crm/999')).status).toBe(404);
    expect((await get('/odoo/sales')).status).toBe(404);
    expect((await get('/__demo/view?id=1&model=sale.order&view_type=form')).status).toBe(404);
  });

  it('goes down with Odoo: a failure mode applies to the pages as to JSON-RPC', async () => {
    await odoo.standin.fail({ kind: 'http-error', status: 503, times: 1 });
    expect((await get('/odoo/crm/14')).status).toBe(503);
    expect((await get('/odoo/crm/14')).status).toBe(200);
  });

  it("simulates a call from the record's sanitised number", async () => {
    const response = await callIn({ model: 'crm.lead', id: SEED.leads.officeDesign });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      callSid: `CA${'7'.repeat(32)}`,
      from: '+3210588558',
      name: 'Office Design Project',
    });
    expect(placed).toEqual(['+3210588558']);
    const contact = await callIn({ model: 'res.partner', id: SEED.partners.elodieMoreau });
    expect(contact.status).toBe(201);
    expect(placed).toEqual(['+3210588558', '+33671234589']);
  });

  it('refuses a bad request, a missing record and a record without a valid number, and places nothing', async () => {
    const cases = [
      [callIn('not json'), 400, 'bad_request'],
      [callIn({ model: 'sale.order', id: 1 }), 400, 'bad_request'],
      [callIn({ model: 'crm.lead', id: '14' }), 400, 'bad_request'],
      [callIn({ model: 'crm.lead', id: 999 }), 404, 'not_found'],
      [callIn({ model: 'crm.lead', id: SEED.leads.websiteInquiry }), 409, 'conflict'],
      [callIn({ model: 'crm.lead', id: SEED.leads.infoServices }), 409, 'conflict'],
    ] as const;
    for (const [request, status, code] of cases) {
      const response = await request;
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(placed).toEqual([]);
  });

  it('says so when the emulator does not place the call', async () => {
    failNextCall = true;
    const response = await callIn({ model: 'crm.lead', id: SEED.leads.officeDesign });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'no such number',
    );
  });
});
