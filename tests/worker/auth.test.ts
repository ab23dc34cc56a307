import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoginResponse } from '../../shared/api';
import { LOGIN_FAILURE_WINDOW_MS, MAX_LOGIN_FAILURES } from '../../worker/db/login-failures';
import { SESSION_TTL_SECONDS, verifySession } from '../../worker/session';
import { TEST_SETTINGS } from './settings';
import { installStrictFetch } from './support/fake-fetch';
import { expectOdooLogin, expectOdooUserRead, odooError, odooUser } from './support/odoo';
import {
  callWorker,
  callWorkerWith,
  clearDatabase,
  databaseSnapshot,
  expectApiError,
  jsonInit,
  rowsOf,
} from './support/worker';

installStrictFetch();
beforeEach(clearDatabase);
afterEach(() => {
  vi.useRealTimers();
});

const LOGIN = 'marie@example.test';
const PASSWORD = 'correct horse battery staple';

function login(body: unknown = { login: LOGIN, password: PASSWORD }): Promise<Response> {
  return callWorker('/auth/login', jsonInit(body));
}

function expectGoodLogin(uid = 7, lang: string | false = 'fr_FR'): void {
  expectOdooLogin(LOGIN, PASSWORD, { result: uid });
  expectOdooUserRead(uid, PASSWORD, odooUser(uid, { name: 'Marie Curie', login: LOGIN, lang }));
}

async function failedAttempts(): Promise<number[]> {
  return (await rowsOf<{ failures: number }>('SELECT failures FROM login_failures')).map(
    (row) => row.failures,
  );
}

describe('POST /auth/login', () => {
  it('signs an agent in with Odoo and returns a 12-hour session naming them', async () => {
    expectGoodLogin();
    const before = Date.now();
    const res = await login();
    expect(res.status).toBe(200);
    const body = (await res.json()) as LoginResponse;
    expect(body.agent).toEqual({ uid: 7, name: 'Marie Curie', login: LOGIN, identity: 'odoo_7' });
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + SESSION_TTL_SECONDS * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + SESSION_TTL_SECONDS * 1000);
    expect(await verifySession(TEST_SETTINGS.SESSION_SECRET, body.session)).toEqual({
      ok: true,
      agent: { uid: 7, login: LOGIN },
    });
  });

  it('remembers the agent’s name, contact, language and time zone, and never the password', async () => {
    expectGoodLogin(7, 'fr_FR');
    expect((await login()).status).toBe(200);
    expect(await rowsOf('SELECT uid, identity, login, name, partner_id, lang, tz FROM agents')).toEqual([
      {
        uid: 7,
        identity: 'odoo_7',
        login: LOGIN,
        name: 'Marie Curie',
        partner_id: 107,
        lang: 'fr_FR',
        tz: 'Europe/Brussels',
      },
    ]);
    expect(JSON.stringify(await databaseSnapshot())).not.toContain(PASSWORD);
  });

  it('updates the agent on the next sign-in (a name changed in Odoo)', async () => {
    expectGoodLogin(7, false);
    expect((await login()).status).toBe(200);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOdooUserRead(7, PASSWORD, odooUser(7, { name: 'Marie Skłodowska-Curie', login: LOGIN }));
    expect((await login()).status).toBe(200);
    expect(await rowsOf('SELECT uid, name, lang FROM agents')).toEqual([
      { uid: 7, name: 'Marie Skłodowska-Curie', lang: 'en_US' },
    ]);
  });

  it('answers 401 when Odoo answers false, and stores no agent', async () => {
    expectOdooLogin(LOGIN, PASSWORD, { result: false });
    const error = await expectApiError(await login(), 401, 'unauthorized');
    expect(error.error.message).toMatch(/did not accept/);
    expect(await rowsOf('SELECT * FROM agents')).toEqual([]);
    expect(await failedAttempts()).toEqual([1]);
  });

  it.each([
    ['answers HTTP 500', () => new Response('Internal Server Error', { status: 500 }), /HTTP 500/],
    ['answers HTTP 404 (wrong ODOO_URL)', () => new Response('Not found', { status: 404 }), /HTTP 404/],
    [
      'cannot be reached',
      () => Promise.reject(new TypeError('Network connection lost.')),
      /could not be reached/,
    ],
    [
      'does not answer in time',
      () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
      /did not answer within 8 s/,
    ],
    [
      'redirects elsewhere',
      () =>
        new Response(null, { status: 301, headers: { Location: 'https://odoo.example.test/en/jsonrpc' } }),
      /redirected to https:\/\/odoo\.example\.test\/en\/jsonrpc/,
    ],
  ])('answers 502 odoo_unreachable when Odoo %s, without counting a failure', async (_, reply, message) => {
    expectOdooLogin(LOGIN, PASSWORD, reply);
    const error = await expectApiError(await login(), 502, 'odoo_unreachable');
    expect(error.error.message).toMatch(message);
    expect(await failedAttempts()).toEqual([0]);
  });

  it.each([
    [
      'an HTML page',
      () => new Response('<html>Odoo</html>', { headers: { 'Content-Type': 'text/html' } }),
      /not JSON/,
    ],
    ['JSON without a result', () => Response.json({ jsonrpc: '2.0', id: 1 }), /without a result/],
    ['a JSON array', () => Response.json([1]), /without a result/],
    [
      'a string instead of a user id',
      () => Response.json({ jsonrpc: '2.0', id: 1, result: 'admin' }),
      /not a user id/,
    ],
  ])('answers 502 odoo_error when Odoo answers the login with %s', async (_, reply, message) => {
    expectOdooLogin(LOGIN, PASSWORD, reply);
    const error = await expectApiError(await login(), 502, 'odoo_error');
    expect(error.error.message).toMatch(message);
  });

  it('passes Odoo’s own error on (e.g. an unknown database), never its traceback', async () => {
    expectOdooLogin(
      LOGIN,
      PASSWORD,
      odooError('psycopg2.OperationalError', 'database "odoo" does not exist'),
    );
    const error = await expectApiError(await login(), 502, 'odoo_error');
    expect(error.error.message).toContain('database "odoo" does not exist');
    expect(JSON.stringify(error)).not.toContain('Traceback');
  });

  it('answers 502 odoo_error when the user read fails or is malformed, and stores no agent', async () => {
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOdooUserRead(
      7,
      PASSWORD,
      odooError('odoo.exceptions.AccessError', 'You are not allowed to read users.'),
    );
    expect((await expectApiError(await login(), 502, 'odoo_error')).error.message).toMatch(/AccessError/);

    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOdooUserRead(7, PASSWORD, {
      result: [{ id: 8, name: 'Someone else', login: 'x', partner_id: false, lang: false }],
    });
    await expectApiError(await login(), 502, 'odoo_error');

    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOdooUserRead(7, PASSWORD, { result: [] });
    await expectApiError(await login(), 502, 'odoo_error');
    expect(await rowsOf('SELECT * FROM agents')).toEqual([]);
  });

  describe('rate limiting', () => {
    async function failTimes(count: number, typedLogin = LOGIN): Promise<void> {
      for (let i = 0; i < count; i += 1) {
        // Odoo gets the login without the spaces around it.
        expectOdooLogin(typedLogin.trim(), PASSWORD, { result: false });
        await expectApiError(await login({ login: typedLogin, password: PASSWORD }), 401, 'unauthorized');
      }
    }

    it(`refuses a login after ${MAX_LOGIN_FAILURES} failures with 429 and Retry-After, without asking Odoo`, async () => {
      await failTimes(MAX_LOGIN_FAILURES);
      const res = await login();
      const error = await expectApiError(res, 429, 'rate_limited');
      const retryAfter = Number(res.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(LOGIN_FAILURE_WINDOW_MS / 1000 - 60);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_FAILURE_WINDOW_MS / 1000);
      expect(error.error.details).toEqual({ retryAfterSeconds: retryAfter });
    });

    it('counts logins whatever their case and spaces, and leaves other logins alone', async () => {
      await failTimes(3, 'Marie@Example.test');
      await failTimes(2, ` ${LOGIN.toUpperCase()} `);
      await expectApiError(await login(), 429, 'rate_limited');
      expectOdooLogin('someone.else@example.test', PASSWORD, { result: false });
      await expectApiError(
        await login({ login: 'someone.else@example.test', password: PASSWORD }),
        401,
        'unauthorized',
      );
    });

    it('forgets failures after a success', async () => {
      await failTimes(MAX_LOGIN_FAILURES - 1);
      expectGoodLogin();
      expect((await login()).status).toBe(200);
      expect(await failedAttempts()).toEqual([]);
      await failTimes(MAX_LOGIN_FAILURES);
    });

    it('lets the person try again once the window has passed', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.UTC(2026, 0, 5, 9, 0, 0));
      await failTimes(MAX_LOGIN_FAILURES);
      await expectApiError(await login(), 429, 'rate_limited');
      vi.setSystemTime(Date.UTC(2026, 0, 5, 9, 0, 0) + LOGIN_FAILURE_WINDOW_MS + 1000);
      expectGoodLogin();
      expect((await login()).status).toBe(200);
    });

    it('does not count attempts Odoo never judged', async () => {
      for (let i = 0; i < MAX_LOGIN_FAILURES + 2; i += 1) {
        expectOdooLogin(LOGIN, PASSWORD, () => new Response('Bad Gateway', { status: 502 }));
        await expectApiError(await login(), 502, 'odoo_unreachable');
      }
      expectGoodLogin();
      expect((await login()).status).toBe(200);
    });
  });

  describe('bad requests (no Odoo request is made)', () => {
    it.each([
      ['no login', { password: PASSWORD }, ['login']],
      ['no password', { login: LOGIN }, ['password']],
      ['an empty login', { login: '   ', password: PASSWORD }, ['login']],
      ['an empty password', { login: LOGIN, password: '' }, ['password']],
      ['a number as login', { login: 7, password: PASSWORD }, ['login']],
      ['a login too long', { login: 'a'.repeat(257), password: PASSWORD }, ['login']],
      ['an array', [LOGIN, PASSWORD], ['(body)']],
      ['null', null, ['(body)']],
    ])('answers 400 for %s, naming the fields', async (_, body, fields) => {
      const error = await expectApiError(await login(body), 400, 'bad_request');
      expect((error.error.details as { field: string }[]).map((problem) => problem.field)).toEqual(fields);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const res = await callWorker('/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"login": "marie", "password": ',
      });
      await expectApiError(res, 400, 'bad_request');
    });

    it.each([
      ['text/plain', 'login=marie&password=x'],
      ['application/x-www-form-urlencoded', 'login=marie&password=x'],
      ['', '{"login":"marie","password":"x"}'],
    ])('answers 415 for Content-Type %j', async (contentType, body) => {
      const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
      await expectApiError(
        await callWorker('/auth/login', { method: 'POST', headers, body }),
        415,
        'unsupported_media_type',
      );
    });

    it('answers 503 naming the settings sign-in needs when they are missing', async () => {
      const res = await callWorkerWith(
        { ODOO_URL: undefined, SESSION_SECRET: '' },
        '/auth/login',
        jsonInit({ login: LOGIN, password: PASSWORD }),
      );
      const error = await expectApiError(res, 503, 'not_configured');
      expect(error.error.details).toEqual({ missing: ['ODOO_URL', 'SESSION_SECRET'] });
    });
  });
});

describe('the Odoo JSON-RPC client', () => {
  it('gives up after its time limit when Odoo never answers', async () => {
    const { createJsonRpcOdooClient, OdooUnreachableError } = await import('../../worker/odoo/client');
    // Behaves as fetch does when its signal aborts: rejects with the signal's reason.
    const neverAnswers = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const client = createJsonRpcOdooClient({
      url: env.ODOO_URL!,
      db: 'odoo',
      timeoutMs: 50,
      fetch: neverAnswers,
    });
    const started = Date.now();
    const failure = client.login(LOGIN, PASSWORD);
    await expect(failure).rejects.toBeInstanceOf(OdooUnreachableError);
    await expect(failure).rejects.toThrow(/did not answer within 0.05 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
