import { describe, expect, it } from 'vitest';
import { SEED } from '../../support/odoo-standin/index';
import { postJsonRpc, useStandin } from './use-standin';

/** The whole answer for an `execute_kw`, to check the envelope byte for byte. */
function envelopeShape(id: number, name: string, message: string | RegExp) {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: 200,
      message: 'Odoo Server Error',
      data: {
        name,
        debug: expect.stringMatching(/^Traceback \(most recent call last\):\n[\s\S]*\n$/),
        message: typeof message === 'string' ? message : expect.stringMatching(message),
        arguments: [typeof message === 'string' ? message : expect.stringMatching(message)],
        context: {},
      },
    },
  };
}

describe('Odoo stand-in: error objects exactly shaped like Odoo 17', () => {
  const odoo = useStandin();
  const executeKw = async (id: number, args: unknown[]) => {
    const { uid, apiKey } = odoo.standin.credentials.service;
    const response = await postJsonRpc(
      odoo.standin.url,
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        params: { service: 'object', method: 'execute_kw', args: [odoo.standin.db, uid, apiKey, ...args] },
        id,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    return response.json();
  };

  it.each([
    [
      'AccessDenied for a wrong key',
      () =>
        odoo.client.rpc('object', 'execute_kw', [
          odoo.standin.db,
          SEED.users.service,
          'nope',
          'crm.lead',
          'read',
          [[1]],
        ]),
      'odoo.exceptions.AccessDenied',
      'Access Denied',
    ],
    [
      'AccessError for a private method',
      () => executeKw(7, ['crm.lead', '_read', [[1]]]),
      'odoo.exceptions.AccessError',
      'Private methods (such as _read) cannot be called remotely.',
    ],
    [
      'MissingError for a record that does not exist',
      () => executeKw(7, ['crm.lead', 'write', [[4242], { priority: '1' }]]),
      'odoo.exceptions.MissingError',
      'Record does not exist or has been deleted.\n(Record: crm.lead(4242,), User: 11)',
    ],
    [
      'ValidationError for a required field emptied',
      () => executeKw(7, ['crm.lead', 'write', [[1], { type: false }]]),
      'odoo.exceptions.ValidationError',
      /^The operation cannot be completed:\n- Create\/update: a mandatory field is not set\./,
    ],
    [
      'UserError for an unknown model',
      () => executeKw(7, ['crm.opportunity', 'search_read', [[]]]),
      'odoo.exceptions.UserError',
      "Object crm.opportunity doesn't exist",
    ],
    [
      'ValueError for an unknown field',
      () => executeKw(7, ['res.partner', 'search_read', [[]], { fields: ['phone', 'fax'] }]),
      'builtins.ValueError',
      "Invalid field 'fax' on model 'res.partner'",
    ],
    [
      'AttributeError for an unknown method',
      () => executeKw(7, ['crm.lead', 'dial', [[1]]]),
      'builtins.AttributeError',
      "The method 'dial' does not exist on the model 'crm.lead'",
    ],
    [
      'TypeError for a wrong arity',
      () => executeKw(7, ['crm.lead', 'read', [[1], ['name'], '_classic_read', 'extra']]),
      'builtins.TypeError',
      'BaseModel.read() takes from 1 to 3 positional arguments but 4 were given',
    ],
    [
      'TypeError for an unexpected keyword',
      () => executeKw(7, ['crm.lead', 'search_count', [[]], { count: true }]),
      'builtins.TypeError',
      "BaseModel.search_count() got an unexpected keyword argument 'count'",
    ],
    [
      'TypeError for a missing argument of execute_kw',
      () => executeKw(7, ['crm.lead', 'search']),
      'builtins.TypeError',
      "execute_kw() missing 1 required positional argument: 'args'",
    ],
    [
      'IndexError for a record method without ids',
      () => executeKw(7, ['crm.lead', 'read', []]),
      'builtins.IndexError',
      'list index out of range',
    ],
  ])('%s', async (_case, call, name, message) => {
    const answer = await call();
    const id = (answer as { id: number }).id;
    expect(answer).toEqual(envelopeShape(id, name, message));
  });

  it('echoes the request id, whatever its type', async () => {
    for (const id of [42, 'abc', null]) {
      const response = await postJsonRpc(
        odoo.standin.url,
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'call',
          params: { service: 'common', method: 'version', args: [] },
          id,
        }),
      );
      expect(await response.json()).toMatchObject({ jsonrpc: '2.0', id, result: { server_version: '17.0' } });
    }
  });

  it('answers 400 "Invalid JSON data" for a body that is not JSON, without a JSON-RPC envelope', async () => {
    const response = await postJsonRpc(odoo.standin.url, '{"jsonrpc": "2.0", "params": ');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Invalid JSON data');
  });

  it('answers 400 "Invalid JSON-RPC data" for JSON that is not an object', async () => {
    for (const body of ['[1, 2]', '"call"', 'null']) {
      const response = await postJsonRpc(odoo.standin.url, body);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('Invalid JSON-RPC data');
    }
  });

  it('answers 400 when the request is not sent as JSON', async () => {
    const response = await postJsonRpc(odoo.standin.url, '{}', 'text/plain');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("but 'json' was forced by route");
  });

  it('answers a TypeError object, HTTP 200, when params lack service, method or args', async () => {
    const response = await postJsonRpc(
      odoo.standin.url,
      JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {}, id: 3 }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(
      envelopeShape(
        3,
        'builtins.TypeError',
        "RPC.jsonrpc() missing 3 required positional arguments: 'service', 'method', and 'args'",
      ),
    );
  });

  it('answers the errors of an unknown service and an unknown common method', async () => {
    const unknownService = await odoo.client.rpc('report', 'render', []);
    expect(unknownService.error?.data).toMatchObject({ name: 'builtins.KeyError', message: "'report'" });
    const unknownMethod = await odoo.client.rpc('common', 'dial', []);
    expect(unknownMethod.error?.data).toMatchObject({
      name: 'builtins.Exception',
      message: 'Method not found: dial',
    });
  });

  it('says plainly when a real Odoo method is not emulated, instead of claiming it does not exist', async () => {
    const answer = await executeKw(9, ['crm.lead', 'create', [{ name: 'x' }]]);
    expect(answer.error.data).toMatchObject({
      name: 'builtins.NotImplementedError',
      message: expect.stringContaining('does not emulate crm.lead.create()'),
    });
  });

  it('logs rejected envelopes as HTTP errors', async () => {
    await postJsonRpc(odoo.standin.url, 'not json');
    expect(odoo.standin.calls.at(-1)).toMatchObject({ outcome: { kind: 'http-error', status: 400 } });
  });
});
