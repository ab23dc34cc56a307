import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoginResponse } from '../../shared/api';
import { PER_CLIENT, PER_LOGIN_AND_CLIENT } from '../../worker/agents/sign-in-limits';
import { odooCooldownSeenAt } from '../../worker/db/odoo-cooldown';
import { forgetServiceLogins } from '../../worker/odoo/service-account';
import { openCredential } from '../../worker/sealed-credential';
import { SESSION_TTL_SECONDS, verifySession } from '../../worker/session';
import { TEST_SETTINGS } from './settings';
import { installStrictFetch } from './support/fake-fetch';
import {
  expectOdooExecute,
  expectOdooLogin,
  expectOdooUserRead,
  type OdooReply,
  odooError,
  odooUser,
} from './support/odoo';
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
beforeEach(async () => {
  // Every test starts from a cold isolate: the service account logs in on its first request.
  forgetServiceLogins();
  await clearDatabase();
});
afterEach(() => {
  vi.useRealTimers();
});

const LOGIN = 'marie@example.test';
const PASSWORD = 'correct horse battery staple';
const SERVICE_UID = 11;
const CLIENT = '198.51.100.7';
const GROUP = 'sales_team.group_sale_salesman';

/** A sign-in, as from a cold isolate: the service account logs in first each time. */
function login(body: unknown = { login: LOGIN, password: PASSWORD }, client = CLIENT): Promise<Response> {
  forgetServiceLogins();
  return callWorker('/auth/login', jsonInit(body, { 'CF-Connecting-IP': client }));
}

/** A request of the worker's service account (it logs in first, once per isolate). */
function expectService(model: string, method: string, args: unknown[], kwargs: unknown, reply: OdooReply) {
  expectOdooExecute(
    { uid: SERVICE_UID, password: TEST_SETTINGS.ODOO_API_KEY, model, method, args, kwargs },
    reply,
  );
}

function expectServiceLogin(reply: OdooReply = { result: SERVICE_UID }): void {
  expectOdooLogin(TEST_SETTINGS.ODOO_LOGIN, TEST_SETTINGS.ODOO_API_KEY, reply);
}

/** The service account looks the login up before any password goes to Odoo. */
function expectLoginLookUp(login: string, found: boolean, pattern = login): void {
  expectServiceLogin();
  expectService(
    'res.users',
    'search',
    [[['login', '=ilike', pattern]]],
    { limit: 1 },
    { result: found ? [7] : [] },
  );
}

/** The user reads their own `share`, as themselves; `answer` is what Odoo says. */
function expectOwnUserRead(uid: number, answer: OdooReply): void {
  expectOdooExecute(
    {
      uid,
      password: PASSWORD,
      model: 'res.users',
      method: 'read',
      args: [[uid]],
      kwargs: { fields: ['share'] },
    },
    answer,
  );
}

/** The user is checked as themselves: internal (not `share`), and in the agents' group. */
function expectStanding(uid: number, user: { share?: boolean; member?: boolean } = {}, group = GROUP): void {
  expectOwnUserRead(uid, { result: [{ id: uid, share: user.share ?? false }] });
  if (!(user.share ?? false)) {
    expectOdooExecute(
      { uid, password: PASSWORD, model: 'res.users', method: 'has_group', args: [[uid], group] },
      { result: user.member ?? true },
    );
  }
}

function expectGoodLogin(uid = 7, lang: string | false = 'fr_FR'): void {
  expectLoginLookUp(LOGIN, true);
  expectOdooLogin(LOGIN, PASSWORD, { result: uid });
  expectStanding(uid);
  expectOdooUserRead(uid, PASSWORD, odooUser(uid, { name: 'Marie Curie', login: LOGIN, lang }));
}

/** A wrong password: Odoo answers false, and the service account's own login says it is not the cooldown. */
function expectWrongPassword(typedLogin = LOGIN): void {
  expectLoginLookUp(typedLogin, true);
  expectOdooLogin(typedLogin, PASSWORD, { result: false });
  expectServiceLogin();
}

async function counters(): Promise<Record<string, number>> {
  const rows = await rowsOf<{ key: string; count: number }>(
    'SELECT key, count FROM rate_limits ORDER BY key',
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.count]));
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
    expect(await verifySession(TEST_SETTINGS.SESSION_SECRET, body.session)).toMatchObject({
      ok: true,
      agent: { uid: 7, login: LOGIN },
    });
  });

  it('remembers the agent’s name, contact, language and time zone, and the password only sealed', async () => {
    expectGoodLogin(7, 'fr_FR');
    const body = (await (await login()).json()) as LoginResponse;
    expect(
      await rowsOf('SELECT uid, identity, login, name, partner_id, lang, tz, standing FROM agents'),
    ).toEqual([
      {
        uid: 7,
        identity: 'odoo_7',
        login: LOGIN,
        name: 'Marie Curie',
        partner_id: 107,
        lang: 'fr_FR',
        tz: 'Europe/Brussels',
        standing: 'ok',
      },
    ]);
    expect(JSON.stringify(await databaseSnapshot())).not.toContain(PASSWORD);
    // Sealed with the session: it opens with the worker's secret and that session only.
    const check = await verifySession(TEST_SETTINGS.SESSION_SECRET, body.session);
    const sessionId = check.ok ? check.sessionId : '';
    const [row] = await rowsOf<{ id: string; credential: string }>('SELECT id, credential FROM sessions');
    expect(row?.id).toBe(sessionId);
    expect(await openCredential(TEST_SETTINGS.SESSION_SECRET, { uid: 7, sessionId }, row!.credential)).toBe(
      PASSWORD,
    );
    expect(
      await openCredential('another-secret-of-at-least-32-bytes!!', { uid: 7, sessionId }, row!.credential),
    ).toBe(null);
    expect(await openCredential(TEST_SETTINGS.SESSION_SECRET, { uid: 8, sessionId }, row!.credential)).toBe(
      null,
    );
  });

  it('updates the agent on the next sign-in (a name changed in Odoo)', async () => {
    expectGoodLogin(7, false);
    expect((await login()).status).toBe(200);
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectStanding(7);
    expectOdooUserRead(7, PASSWORD, odooUser(7, { name: 'Marie Skłodowska-Curie', login: LOGIN }));
    expect((await login()).status).toBe(200);
    expect(await rowsOf('SELECT uid, name, lang FROM agents')).toEqual([
      { uid: 7, name: 'Marie Skłodowska-Curie', lang: 'en_US' },
    ]);
    expect(await rowsOf('SELECT uid FROM sessions')).toEqual([{ uid: 7 }, { uid: 7 }]);
  });

  it('answers 401 when Odoo refuses the password, and stores no agent', async () => {
    expectWrongPassword();
    const error = await expectApiError(await login(), 401, 'unauthorized');
    expect(error.error.message).toMatch(/did not accept/);
    expect(await rowsOf('SELECT * FROM agents')).toEqual([]);
    expect(await rowsOf('SELECT * FROM sessions')).toEqual([]);
    expect(await counters()).toEqual({ [`sign-in-client:${CLIENT}`]: 1, [`sign-in:${LOGIN}|${CLIENT}`]: 1 });
  });

  it('never hands Odoo the password of a login no active user has (Odoo would count it against the worker)', async () => {
    // The strict fetch fails the test on any request not listed: no common.login for this login.
    expectLoginLookUp('nobody@example.test', false);
    await expectApiError(
      await login({ login: 'nobody@example.test', password: PASSWORD }),
      401,
      'unauthorized',
    );
    expect(await counters()).toEqual({
      [`sign-in-client:${CLIENT}`]: 1,
      [`sign-in:nobody@example.test|${CLIENT}`]: 1,
    });
  });

  it('looks logins up as typed, case aside, with Odoo’s pattern characters taken literally', async () => {
    expectLoginLookUp('m\\a%r_ie@Example.test', false, 'm\\\\a\\%r\\_ie@Example.test');
    await expectApiError(
      await login({ login: 'm\\a%r_ie@Example.test', password: PASSWORD }),
      401,
      'unauthorized',
    );
  });

  it.each([
    ['a portal user', { share: true }, /Portal and public/],
    ['not in the agents’ group', { member: false }, new RegExp(GROUP.replace('.', '\\.'))],
  ])(
    'answers 403 for a user whose password is right but who is %s, and signs nobody in',
    async (_, user, message) => {
      expectLoginLookUp(LOGIN, true);
      expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
      expectStanding(7, user);
      const error = await expectApiError(await login(), 403, 'forbidden');
      expect(error.error.message).toMatch(message);
      expect(await rowsOf('SELECT * FROM agents')).toEqual([]);
      expect(await rowsOf('SELECT * FROM sessions')).toEqual([]);
      // Right password: nothing held against the address.
      expect(await counters()).toEqual({ [`sign-in-client:${CLIENT}`]: 0 });
    },
  );

  it('takes a user who may not even read their own user record for no internal user', async () => {
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOwnUserRead(
      7,
      odooError('odoo.exceptions.AccessError', 'You are not allowed to access User (res.users) records.'),
    );
    await expectApiError(await login(), 403, 'forbidden');
  });

  it('asks has_group the Odoo 17.0 way (about the caller) when the record way is a TypeError there', async () => {
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectOwnUserRead(7, { result: [{ id: 7, share: false }] });
    expectOdooExecute(
      { uid: 7, password: PASSWORD, model: 'res.users', method: 'has_group', args: [[7], GROUP] },
      odooError('builtins.TypeError', 'Users.has_group() takes 2 positional arguments but 3 were given'),
    );
    expectOdooExecute(
      { uid: 7, password: PASSWORD, model: 'res.users', method: 'has_group', args: [GROUP] },
      { result: false },
    );
    await expectApiError(await login(), 403, 'forbidden');
  });

  it('checks membership of the group AGENT_GROUP names', async () => {
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectStanding(7, { member: false }, 'crm_phone.group_callers');
    const response = await callWorkerWith(
      { AGENT_GROUP: 'crm_phone.group_callers' },
      '/auth/login',
      jsonInit({ login: LOGIN, password: PASSWORD }, { 'CF-Connecting-IP': CLIENT }),
    );
    expect((await expectApiError(response, 403, 'forbidden')).error.message).toContain(
      'crm_phone.group_callers',
    );
  });

  it('tells Odoo’s login cooldown from a wrong password, and holds neither against the agent', async () => {
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: false });
    // The service account is refused too: Odoo is refusing every login from the worker's address.
    expectServiceLogin({ result: false });
    const response = await login();
    const error = await expectApiError(response, 503, 'odoo_unreachable');
    expect(error.error.message).toMatch(/about a minute/);
    expect(response.headers.get('Retry-After')).toBe('60');
    expect(await counters()).toEqual({ [`sign-in-client:${CLIENT}`]: 0, [`sign-in:${LOGIN}|${CLIENT}`]: 0 });
    expect(await odooCooldownSeenAt(env.DB)).toBeGreaterThan(Date.now() - 5000);
  });

  it('says so when Odoo’s cooldown already refuses the service account’s look-up, and never sends the password', async () => {
    expectServiceLogin();
    expectService(
      'res.users',
      'search',
      [[['login', '=ilike', LOGIN]]],
      { limit: 1 },
      odooError(
        'odoo.exceptions.AccessDenied',
        'Too many login failures, please wait a bit before trying again.',
      ),
    );
    await expectApiError(await login(), 503, 'odoo_unreachable');
    expect(await odooCooldownSeenAt(env.DB)).not.toBeNull();
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
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, reply);
    const error = await expectApiError(await login(), 502, 'odoo_unreachable');
    expect(error.error.message).toMatch(message);
    expect(await counters()).toEqual({ [`sign-in-client:${CLIENT}`]: 0, [`sign-in:${LOGIN}|${CLIENT}`]: 0 });
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
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, reply);
    const error = await expectApiError(await login(), 502, 'odoo_error');
    expect(error.error.message).toMatch(message);
  });

  it('passes Odoo’s own error on (e.g. an unknown database), never its traceback', async () => {
    expectServiceLogin(odooError('psycopg2.OperationalError', 'database "odoo" does not exist'));
    const error = await expectApiError(await login(), 502, 'odoo_error');
    expect(error.error.message).toContain('database "odoo" does not exist');
    expect(JSON.stringify(error)).not.toContain('Traceback');
  });

  it('answers 502 when the service account itself is refused (an admin must fix its key)', async () => {
    expectServiceLogin({ result: false });
    const error = await expectApiError(await login(), 502, 'odoo_error');
    expect(error.error.message).toMatch(/ODOO_LOGIN and ODOO_API_KEY/);
  });

  it('answers 502 odoo_error when the user read fails or is malformed, and stores no agent', async () => {
    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectStanding(7);
    expectOdooUserRead(
      7,
      PASSWORD,
      odooError('odoo.exceptions.AccessError', 'You are not allowed to read users.'),
    );
    expect((await expectApiError(await login(), 502, 'odoo_error')).error.message).toMatch(/AccessError/);

    expectLoginLookUp(LOGIN, true);
    expectOdooLogin(LOGIN, PASSWORD, { result: 7 });
    expectStanding(7);
    expectOdooUserRead(7, PASSWORD, {
      result: [{ id: 8, name: 'Someone else', login: 'x', partner_id: false, lang: false }],
    });
    await expectApiError(await login(), 502, 'odoo_error');
    expect(await rowsOf('SELECT * FROM agents')).toEqual([]);
  });

  describe('limits: a lockout falls on the address the guesses come from', () => {
    async function failTimes(count: number, options: { typedLogin?: string; client?: string } = {}) {
      const typedLogin = options.typedLogin ?? LOGIN;
      for (let i = 0; i < count; i += 1) {
        // Odoo gets the login without the spaces around it.
        expectWrongPassword(typedLogin.trim());
        await expectApiError(
          await login({ login: typedLogin, password: PASSWORD }, options.client),
          401,
          'unauthorized',
        );
      }
    }

    it(`refuses a login from a client after ${PER_LOGIN_AND_CLIENT.limit} failures with 429 and Retry-After, without asking Odoo`, async () => {
      await failTimes(PER_LOGIN_AND_CLIENT.limit);
      const res = await login();
      const error = await expectApiError(res, 429, 'rate_limited');
      const retryAfter = Number(res.headers.get('Retry-After'));
      expect(retryAfter).toBe(PER_LOGIN_AND_CLIENT.blockMs / 1000);
      expect(error.error.details).toEqual({ retryAfterSeconds: retryAfter });
    });

    it('lets the agent sign in from their own address while someone else is locked out guessing their password', async () => {
      await failTimes(PER_LOGIN_AND_CLIENT.limit, { client: '203.0.113.66' });
      await expectApiError(await login(undefined, '203.0.113.66'), 429, 'rate_limited');
      expectGoodLogin();
      expect((await login(undefined, CLIENT)).status).toBe(200);
      // …and the attacker stays locked out.
      await expectApiError(await login(undefined, '203.0.113.66'), 429, 'rate_limited');
    });

    it('counts logins whatever their case and spaces, and leaves other logins alone', async () => {
      await failTimes(3, { typedLogin: 'Marie@Example.test' });
      await failTimes(2, { typedLogin: ` ${LOGIN.toUpperCase()} ` });
      await expectApiError(await login(), 429, 'rate_limited');
      expectWrongPassword('someone.else@example.test');
      await expectApiError(
        await login({ login: 'someone.else@example.test', password: PASSWORD }),
        401,
        'unauthorized',
      );
    });

    it(`locks out a client that sprays passwords over ${PER_CLIENT.limit} logins, whatever the login`, async () => {
      for (let i = 0; i < PER_CLIENT.limit; i += 1) {
        await failTimes(1, { typedLogin: `agent${i}@example.test` });
      }
      const res = await login({ login: 'agent-next@example.test', password: PASSWORD });
      await expectApiError(res, 429, 'rate_limited');
      expect(Number(res.headers.get('Retry-After'))).toBe(PER_CLIENT.blockMs / 1000);
      // Another address is not concerned.
      expectGoodLogin();
      expect((await login(undefined, '192.0.2.1')).status).toBe(200);
    });

    it('does not count successes against a shared office address', async () => {
      for (let i = 0; i < PER_CLIENT.limit + 5; i += 1) {
        expectGoodLogin(7, 'fr_FR');
        expect((await login()).status).toBe(200);
      }
    });

    it('forgets failures after a success', async () => {
      await failTimes(PER_LOGIN_AND_CLIENT.limit - 1);
      expectGoodLogin();
      expect((await login()).status).toBe(200);
      expect(await counters()).toEqual({ [`sign-in-client:${CLIENT}`]: PER_LOGIN_AND_CLIENT.limit - 1 });
      await failTimes(PER_LOGIN_AND_CLIENT.limit);
      await expectApiError(await login(), 429, 'rate_limited');
    });

    it('makes each lockout in a row last twice as long, and ignores attempts made while locked out', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.UTC(2026, 0, 5, 9, 0, 0);
      vi.setSystemTime(start);
      await failTimes(PER_LOGIN_AND_CLIENT.limit);
      const first = await login();
      expect(Number(first.headers.get('Retry-After'))).toBe(PER_LOGIN_AND_CLIENT.blockMs / 1000);
      // Knocking while locked out neither counts nor extends the lockout.
      for (let i = 0; i < 10; i += 1) await expectApiError(await login(), 429, 'rate_limited');

      vi.setSystemTime(start + PER_LOGIN_AND_CLIENT.blockMs + 1000);
      await failTimes(PER_LOGIN_AND_CLIENT.limit);
      const second = await login();
      expect(Number(second.headers.get('Retry-After'))).toBe((2 * PER_LOGIN_AND_CLIENT.blockMs) / 1000);

      // The person who waits it out gets their whole allowance again, and a success clears it all.
      vi.setSystemTime(start + 4 * PER_LOGIN_AND_CLIENT.blockMs);
      expectGoodLogin();
      expect((await login()).status).toBe(200);
    });

    it('does not count attempts Odoo never judged', async () => {
      for (let i = 0; i < PER_LOGIN_AND_CLIENT.limit + 2; i += 1) {
        expectLoginLookUp(LOGIN, true);
        expectOdooLogin(LOGIN, PASSWORD, () => new Response('Bad Gateway', { status: 502 }));
        await expectApiError(await login(), 502, 'odoo_unreachable');
      }
      expectGoodLogin(7, 'fr_FR');
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
      ['a lone high surrogate in the password', '{"login":"marie","password":"abc\\ud800"}'],
      ['a lone low surrogate in the login', '{"login":"\\udc00marie","password":"x"}'],
      ['a lone surrogate in a key', '{"login":"marie","password":"x","\\ud83d":1}'],
    ])('answers 400 for text that is not well-formed Unicode: %s', async (_, body) => {
      const res = await callWorker('/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect((await expectApiError(res, 400, 'bad_request')).error.message).toMatch(/well-formed Unicode/);
      expect(await databaseSnapshot()).toMatchObject({ rate_limits: [] });
    });

    it('accepts well-formed text beyond the basic plane (a pair of surrogates is one character)', async () => {
      expectLoginLookUp('marie🎧@example.test', false);
      await expectApiError(
        await login({ login: 'marie🎧@example.test', password: 'pa🔑ss' }),
        401,
        'unauthorized',
      );
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
        { ODOO_URL: undefined, SESSION_SECRET: '', ODOO_API_KEY: undefined },
        '/auth/login',
        jsonInit({ login: LOGIN, password: PASSWORD }),
      );
      const error = await expectApiError(res, 503, 'not_configured');
      expect(error.error.details).toEqual({ missing: ['ODOO_URL', 'ODOO_API_KEY', 'SESSION_SECRET'] });
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
