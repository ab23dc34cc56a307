import { describe, expect, it } from 'vitest';
import { createOdooClient, type OdooRpcError } from '../../support/odoo-standin/client';
import { OdooStandinCore, SEED } from '../../support/odoo-standin/index';
import { rejection } from './use-standin';

// The worker's tests run in workerd and replace globalThis.fetch: the core answers there
// without a port. Same engine as the server, so the same answers.
describe('Odoo stand-in core: fetch without a server', () => {
  const setup = () => {
    const core = new OdooStandinCore();
    const client = createOdooClient({ url: 'https://odoo.example.com', db: core.db, fetch: core.fetch });
    const { uid, apiKey } = core.credentials.service;
    return { core, client, service: client.session(uid, apiKey) };
  };

  it('answers logins, look-ups and posts on any origin', async () => {
    const { core, client, service } = setup();
    expect(await client.login('demo', 'wrong')).toBe(false);
    const leads = await service.searchRead(
      'crm.lead',
      [['phone_mobile_search', '=', SEED.numbers.decoAddict]],
      {
        fields: ['name'],
        order: 'write_date desc',
      },
    );
    expect(leads[0]).toEqual({ id: SEED.leads.officeDesign, name: 'Office Design Project' });
    const id = await service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'Call answered' });
    expect(core.messagesOn('crm.lead', SEED.leads.officeDesign)[0]).toMatchObject({
      id,
      body: '<p>Call answered</p>',
    });
    expect(core.calls.map((call) => call.method)).toEqual(['login', 'search_read', 'message_post']);
  });

  it('rejects like fetch when Odoo is down, and answers errors as Odoo does', async () => {
    const { core, service } = setup();
    await core.fail({ kind: 'down', forMs: 60_000 });
    const error = await rejection(service.searchRead('crm.lead', []));
    expect(error).toBeInstanceOf(TypeError);
    await core.fail({ kind: 'odoo-error', exception: 'AccessError', only: { methods: ['message_post'] } });
    const denied = (await rejection(service.messagePost('crm.lead', 1, { body: 'x' }))) as OdooRpcError;
    expect(denied.data.name).toBe('odoo.exceptions.AccessError');
    await core.recover();
    expect(await service.messagePost('crm.lead', 1, { body: 'x' })).toEqual(expect.any(Number));
  });

  it('honours the abort signal of the request while the call still runs', async () => {
    const { core } = setup();
    const { uid, apiKey } = core.credentials.service;
    await core.fail({ kind: 'slow', delayMs: 200 });
    const impatient = createOdooClient({
      url: 'https://odoo.example.com',
      db: core.db,
      fetch: core.fetch,
      timeoutMs: 20,
    });
    const error = await rejection(
      impatient.session(uid, apiKey).messagePost('crm.lead', 1, { body: 'late note' }),
    );
    expect((error as Error).name).toBe('TimeoutError');
    const note = await core.waitForMessage('crm.lead', 1, {
      match: (message) => message.body === '<p>late note</p>',
    });
    expect(note.id).toEqual(expect.any(Number));
  });

  it('answers 404 outside /jsonrpc', async () => {
    const { core } = setup();
    expect((await core.fetch('https://odoo.example.com/web/login')).status).toBe(404);
  });
});
