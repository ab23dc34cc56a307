/**
 * Expected requests to Odoo's `/jsonrpc`, checked as strictly as Odoo 17 reads them and answered
 * as it answers (notes/odoo.md): `{"jsonrpc":"2.0","id":…,"result":…}`, `false` for a bad login,
 * errors as `{"error":{"code":200,"message":"Odoo Server Error","data":{…}}}` with HTTP 200.
 */
import { expect } from 'vitest';
import { TEST_SETTINGS } from '../settings';
import { type ExpectedRequest, expectRequest } from './fake-fetch';

export const ODOO_ENDPOINT = `${TEST_SETTINGS.ODOO_URL}/jsonrpc`;

interface JsonRpcCall {
  jsonrpc: string;
  method: string;
  params: { service: string; method: string; args: unknown[] };
  id: unknown;
}

function checkJsonRpc(
  request: Request,
  body: string,
  service: string,
  method: string,
  args: unknown[],
): void {
  expect(request.method).toBe('POST');
  expect(request.url).toBe(ODOO_ENDPOINT);
  expect(request.headers.get('Content-Type')).toBe('application/json');
  const call = JSON.parse(body) as JsonRpcCall;
  expect(call).toEqual({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: call.id });
  expect(['number', 'string']).toContain(typeof call.id);
}

function answer(body: string, payload: { result: unknown } | { error: unknown }): Response {
  const { id } = JSON.parse(body) as JsonRpcCall;
  return Response.json({ jsonrpc: '2.0', id, ...payload });
}

export type OdooReply =
  | { result: unknown }
  | { error: unknown }
  | ((request: Request) => Response | Promise<Response>);

function respondWith(reply: OdooReply): ExpectedRequest['respond'] {
  return (request, body) => (typeof reply === 'function' ? reply(request) : answer(body, reply));
}

/** `common.login(db, login, password)`. */
export function expectOdooLogin(login: string, password: string, reply: OdooReply): void {
  expectRequest({
    description: `Odoo common.login for ${login}`,
    check: (request, body) =>
      checkJsonRpc(request, body, 'common', 'login', [TEST_SETTINGS.ODOO_DB, login, password]),
    respond: respondWith(reply),
  });
}

/** `res.users.read([uid], fields)` as the user themselves. */
export function expectOdooUserRead(uid: number, password: string, reply: OdooReply): void {
  expectRequest({
    description: `Odoo res.users.read of ${uid}`,
    check: (request, body) =>
      checkJsonRpc(request, body, 'object', 'execute_kw', [
        TEST_SETTINGS.ODOO_DB,
        uid,
        password,
        'res.users',
        'read',
        [[uid]],
        { fields: ['name', 'login', 'partner_id', 'lang', 'tz'] },
      ]),
    respond: respondWith(reply),
  });
}

/** `object.execute_kw(db, uid, password, model, method, args, kwargs)`. */
export function expectOdooExecute(
  call: { uid: number; password: string; model: string; method: string; args: unknown[]; kwargs?: unknown },
  reply: OdooReply,
): void {
  expectRequest({
    description: `Odoo ${call.model}.${call.method} as ${call.uid}`,
    check: (request, body) =>
      checkJsonRpc(request, body, 'object', 'execute_kw', [
        TEST_SETTINGS.ODOO_DB,
        call.uid,
        call.password,
        call.model,
        call.method,
        call.args,
        call.kwargs ?? {},
      ]),
    respond: respondWith(reply),
  });
}

/** A user record as Odoo 17 returns it from `read`. */
export function odooUser(
  uid: number,
  fields: { name: string; login: string; lang?: string | false; tz?: string | false },
) {
  return {
    result: [
      {
        id: uid,
        name: fields.name,
        login: fields.login,
        partner_id: [uid + 100, fields.name],
        lang: fields.lang ?? 'en_US',
        tz: fields.tz ?? 'Europe/Brussels',
      },
    ],
  };
}

/** Odoo's shape for an exception raised by a model method. */
export function odooError(name: string, message: string) {
  return {
    error: {
      code: 200,
      message: 'Odoo Server Error',
      data: {
        name,
        debug: 'Traceback (most recent call last): …secret internals…',
        message,
        arguments: [message],
      },
    },
  };
}
