import { describe, expect, it } from 'vitest';
import { isApiErrorBody } from '../../../shared/errors';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { type OdooCall, SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

describe('Odoo stand-in: the /__standin/ control API', () => {
  const odoo = useStandin();
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(`/__standin/${path}`, odoo.standin.url), {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('tells a process that did not start it where it is and how to log in', async () => {
    const { status, body } = await control('GET', 'info');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      url: odoo.standin.url,
      db: 'odoo_test',
      version: '17.0',
      failure: null,
      credentials: {
        service: {
          login: 'click2call-worker',
          apiKey: odoo.standin.credentials.service.apiKey,
          password: null,
        },
        agents: { camille: { uid: SEED.users.camille, lang: 'fr_FR' } },
      },
    });
  });

  it('sets a failure mode that JSON-RPC callers see, reports it, and clears it', async () => {
    expect(
      await control('POST', 'fail', { kind: 'odoo-error', only: { methods: ['message_post'] } }),
    ).toMatchObject({
      status: 200,
      body: {
        failure: {
          mode: { kind: 'odoo-error', exception: 'AccessError', only: { methods: ['message_post'] } },
        },
      },
    });
    expect((await control('GET', 'failure')).body).toMatchObject({
      failure: { mode: { kind: 'odoo-error' } },
    });
    const error = (await rejection(
      odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'x' }),
    )) as OdooRpcError;
    expect(error.data.name).toBe('odoo.exceptions.AccessError');

    expect(await control('POST', 'recover')).toEqual({ status: 200, body: { failure: null } });
    expect(typeof (await odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'x' }))).toBe(
      'number',
    );
  });

  it('stays reachable while Odoo is down, so a test can always recover', async () => {
    await control('POST', 'fail', { kind: 'down' });
    await rejection(odoo.client.version());
    expect((await control('GET', 'failure')).status).toBe(200);
    await control('POST', 'recover');
    expect((await odoo.client.version()).server_version).toBe('17.0');
  });

  it('rejects a bad mode with the project error shape and changes nothing', async () => {
    const { status, body } = await control('POST', 'fail', { kind: 'slow', delayMs: -5 });
    expect(status).toBe(400);
    expect(isApiErrorBody(body)).toBe(true);
    expect(body).toMatchObject({
      error: { code: 'bad_request', details: [expect.objectContaining({ path: ['delayMs'] })] },
    });
    expect((await control('GET', 'failure')).body).toEqual({ failure: null });

    const notJson = await fetch(new URL('/__standin/fail', odoo.standin.url), {
      method: 'POST',
      body: '{kind',
    });
    expect(notJson.status).toBe(400);
    expect(isApiErrorBody(await notJson.json())).toBe(true);
  });

  it('lists calls, filtered by service, model or method, and clears them', async () => {
    await odoo.client.login('demo', 'wrong');
    await odoo.service.searchRead('res.partner', [['phone_mobile_search', '=', SEED.numbers.decoAddict]], {
      fields: ['name'],
    });
    await odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'x' });

    const all = (await control('GET', 'calls')).body.calls as OdooCall[];
    expect(all.map((call) => call.method)).toEqual(['login', 'search_read', 'message_post']);
    const posts = (await control('GET', 'calls?method=message_post&model=crm.lead')).body.calls as OdooCall[];
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      service: 'object',
      rpcMethod: 'execute_kw',
      uid: SEED.users.service,
      args: [[SEED.leads.officeDesign]],
      kwargs: { body: 'x' },
      outcome: { kind: 'result', result: expect.any(Number) },
    });

    expect(await control('DELETE', 'calls')).toEqual({ status: 200, body: { cleared: true } });
    expect((await control('GET', 'calls')).body).toEqual({ calls: [] });
  });

  it('reads messages, activities and records', async () => {
    const id = await odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'Missed call' });
    const messages = (await control('GET', `messages?model=crm.lead&res_id=${SEED.leads.officeDesign}`)).body
      .messages as { id: number; body: string }[];
    expect(messages[0]).toMatchObject({ id, body: '<p>Missed call</p>' });

    const activities = (await control('GET', `activities?model=crm.lead&res_id=${SEED.leads.officeDesign}`))
      .body.activities as { id: number }[];
    expect(activities.map((activity) => activity.id)).toEqual([
      SEED.activities.officeDesignCallToday,
      SEED.activities.officeDesignCatalogEmail,
    ]);

    const record = await control('GET', `records/crm.lead/${SEED.leads.officeDesign}`);
    expect(record.body).toMatchObject({
      record: { name: 'Office Design Project', phone_sanitized: '+3210588558' },
    });
    expect((await control('GET', 'records/crm.lead/999')).status).toBe(404);
    expect((await control('GET', 'records/crm.nothing/1')).status).toBe(400);
    expect((await control('GET', 'messages?model=crm.lead')).status).toBe(400);
  });

  it('resets the data to the seed', async () => {
    await odoo.service.write('crm.lead', [SEED.leads.officeDesign], { name: 'Renamed' });
    await odoo.service.executeKw(
      'mail.activity',
      'action_feedback',
      [[SEED.activities.officeDesignCallToday]],
      {
        feedback: 'done',
      },
    );
    expect(await control('POST', 'reset')).toEqual({ status: 200, body: { reset: true } });
    expect(odoo.standin.read('crm.lead', SEED.leads.officeDesign, ['name'])).toEqual([
      { id: SEED.leads.officeDesign, name: 'Office Design Project' },
    ]);
    expect(odoo.standin.activitiesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(2);
    expect(odoo.standin.calls).toEqual([]);
  });

  it('answers 404 in the error shape for unknown control routes', async () => {
    const { status, body } = await control('GET', 'nothing-here');
    expect(status).toBe(404);
    expect(isApiErrorBody(body)).toBe(true);
  });
});
