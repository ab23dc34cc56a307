import { describe, expect, it } from 'vitest';
import { OdooStandinCore } from '../support/odoo-standin/core';
import { SEED } from '../support/odoo-standin/data';

// The stand-in's engine runs inside workerd too, so the worker's tests can answer its fetch to
// Odoo with it (`globalThis.fetch = odoo.fetch`) and get Odoo's real answers, no port needed.
describe('Odoo stand-in core inside workerd', () => {
  const call = async (odoo: OdooStandinCore, service: string, method: string, args: unknown[]) => {
    const response = await odoo.fetch('https://odoo.example.com/jsonrpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 1 }),
    });
    return (await response.json()) as { result?: unknown; error?: { data: { name: string } } };
  };

  it('logs in, finds a lead by number and posts a note', async () => {
    const odoo = new OdooStandinCore();
    const { login, apiKey } = odoo.credentials.service;
    const { result: uid } = await call(odoo, 'common', 'login', [odoo.db, login, apiKey]);
    expect(uid).toBe(SEED.users.service);
    const { result: leads } = await call(odoo, 'object', 'execute_kw', [
      odoo.db,
      uid,
      apiKey,
      'crm.lead',
      'search_read',
      [[['phone_mobile_search', '=', '0032 10 588 558']]],
      { fields: ['name', 'phone_sanitized'], order: 'write_date desc' },
    ]);
    expect(leads).toEqual([
      { id: SEED.leads.officeDesign, name: 'Office Design Project', phone_sanitized: '+3210588558' },
      { id: SEED.leads.decoShowroom, name: 'Deco Addict: Showroom Chairs', phone_sanitized: '+3210588558' },
    ]);
    const { result: messageId } = await call(odoo, 'object', 'execute_kw', [
      odoo.db,
      uid,
      apiKey,
      'crm.lead',
      'message_post',
      [[SEED.leads.officeDesign]],
      { body: 'Appel entrant, répondu', message_type: 'comment', subtype_xmlid: 'mail.mt_note' },
    ]);
    expect(odoo.messagesOn('crm.lead', SEED.leads.officeDesign)[0]).toMatchObject({
      id: messageId,
      body: '<p>Appel entrant, répondu</p>',
    });
  });

  it('computes activity states with the time zones of Intl', async () => {
    const odoo = new OdooStandinCore({ clock: () => new Date('2026-11-20T23:30:00Z') });
    const [activity] = odoo.read('mail.activity', SEED.activities.officeDesignCallToday, [
      'date_deadline',
      'state',
    ]);
    expect(activity).toMatchObject({ date_deadline: '2026-11-21', state: 'today' });
  });

  it('rejects like fetch while down', async () => {
    const odoo = new OdooStandinCore();
    await odoo.fail({ kind: 'down' });
    await expect(call(odoo, 'common', 'version', [])).rejects.toThrow(TypeError);
    expect(odoo.calls.at(-1)).toMatchObject({
      method: 'version',
      injected: 'down',
      outcome: { kind: 'dropped' },
    });
  });
});
