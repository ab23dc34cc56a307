import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../worker/env';
import { runDeepChecks } from '../../worker/health/deep-checks';
import { TEST_SETTINGS } from './settings';
import {
  ageStoredChecks,
  askHealth,
  CALLER_ID,
  detailOf,
  installDeepHealthWorld,
  statuses,
} from './support/deep-health';

/**
 * `GET /health?deep=1`: what the worker finds when it asks Twilio (REST stand-in core) and Odoo
 * (Odoo stand-in core) with its own settings, one broken thing at a time. Every answer and every
 * log line is checked for secrets by the world (support/deep-health.ts).
 */
const world = installDeepHealthWorld();

const ALL_OK = {
  'twilio.auth_token': 'ok',
  'twilio.api_key': 'ok',
  'twilio.api_key_secret': 'ok',
  'twilio.twiml_app': 'ok',
  'twilio.caller_id': 'ok',
  'odoo.login': 'ok',
  'odoo.leads': 'ok',
};

describe('GET /health?deep=1', () => {
  it('says everything is fine when Twilio and Odoo are set up for this worker', async () => {
    const answer = await askHealth(world(), { deep: true });

    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(statuses(answer)).toEqual(ALL_OK);
    expect(Object.keys(statuses(answer))).toEqual(Object.keys(ALL_OK));
    expect(detailOf(answer, 'twilio.twiml_app')).toBe(
      'TwiML App AP0000…0000: calls go to https://calls.example.test/twiml/outbound',
    );
    expect(detailOf(answer, 'twilio.caller_id')).toBe(
      'number +33•••••••21: calls go to https://calls.example.test/twiml/inbound',
    );
    expect(answer.deep).toMatchObject({ ageSeconds: 0, outdated: false });
    expect(Date.parse(answer.deep!.checkedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('asks Twilio with Basic auth, the API key only where it proves the key, and Odoo as the service user', async () => {
    await askHealth(world(), { deep: true });

    const account = TEST_SETTINGS.TWILIO_ACCOUNT_SID;
    expect(
      world()
        .twilio.requests.map((request) => ({
          request: `${request.method} ${request.host}${request.path}`,
          query: request.query,
          credentials: request.credentials,
        }))
        .sort((a, b) => a.request.localeCompare(b.request)),
    ).toEqual([
      {
        request: `GET api.twilio.com/2010-04-01/Accounts/${account}.json`,
        query: {},
        credentials: 'auth token',
      },
      {
        request: `GET api.twilio.com/2010-04-01/Accounts/${account}/Applications/${TEST_SETTINGS.TWILIO_TWIML_APP_SID}.json`,
        query: {},
        credentials: 'api key',
      },
      {
        request: `GET api.twilio.com/2010-04-01/Accounts/${account}/IncomingPhoneNumbers.json`,
        query: { PhoneNumber: CALLER_ID },
        credentials: 'auth token',
      },
      {
        request: `GET api.twilio.com/2010-04-01/Accounts/${account}/Keys/${TEST_SETTINGS.TWILIO_API_KEY_SID}.json`,
        query: {},
        credentials: 'auth token',
      },
    ]);
    const { odoo } = world();
    expect(odoo.calls.map((call) => [call.service, call.model, call.method, call.outcome.kind])).toEqual([
      ['common', undefined, 'login', 'result'],
      ['object', 'crm.lead', 'search_count', 'result'],
    ]);
    expect(odoo.calls[1]!.uid).toBe(odoo.credentials.service.uid);
  });

  it('logs one health_check line per run, with each check and the problems, and no secret', async () => {
    world().app.voiceUrl = 'https://old.example/twiml/outbound';
    await askHealth(world(), { deep: true });

    const lines = world()
      .logLines()
      .filter((line) => line.event === 'health_check');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      event: 'health_check',
      ms: expect.any(Number),
      ...ALL_OK,
      'twilio.twiml_app': 'problem',
      problems: expect.stringMatching(
        /^twilio\.twiml_app: TwiML App AP0000…0000: voiceUrl is https:\/\/old\.example/,
      ),
    });
  });

  it('says where the TwiML App sends calls when it is not this worker, and how to fix it', async () => {
    Object.assign(world().app, {
      voiceUrl: 'https://old.example/twiml/outbound',
      statusCallbackMethod: 'GET',
    });
    const answer = await askHealth(world(), { deep: true });

    expect(answer.status).toBe(503);
    expect(answer.ok).toBe(false);
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'twilio.twiml_app': 'problem' });
    expect(detailOf(answer, 'twilio.twiml_app')).toBe(
      'TwiML App AP0000…0000: voiceUrl is https://old.example/twiml/outbound, should be ' +
        'https://calls.example.test/twiml/outbound; statusCallbackMethod is GET, should be POST. Fix: npm run setup',
    );
  });

  it('says when the caller id does not ring this worker, or a TwiML App or trunk takes its calls', async () => {
    Object.assign(world().number, { voiceUrl: 'https://demo.twilio.com/welcome/voice/' });
    let answer = await askHealth(world(), { deep: true });
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'twilio.caller_id': 'problem' });
    expect(detailOf(answer, 'twilio.caller_id')).toBe(
      'number +33•••••••21: voiceUrl is https://demo.twilio.com/welcome/voice/, should be ' +
        'https://calls.example.test/twiml/inbound. Fix: npm run setup',
    );

    Object.assign(world().number, {
      voiceUrl: 'https://calls.example.test/twiml/inbound',
      voiceApplicationSid: `AP${'7'.repeat(32)}`,
      trunkSid: `TK${'1'.repeat(32)}`,
    });
    await ageStoredChecks(61_000); // the next refresh is allowed a minute later
    answer = await askHealth(world(), { deep: true });
    expect(detailOf(answer, 'twilio.caller_id')).toBe(
      'number +33•••••••21: TwiML App AP7777…7777 overrides it; a SIP trunk takes its calls. Fix: npm run setup',
    );
  });

  it('says when the caller id is not a number of the account, without showing it whole', async () => {
    const answer = await askHealth(world(), { deep: true, overrides: { TWILIO_CALLER_ID: '+33187654377' } });

    expect(statuses(answer)).toEqual({ ...ALL_OK, 'twilio.caller_id': 'problem' });
    expect(detailOf(answer, 'twilio.caller_id')).toMatch(
      /^TWILIO_CALLER_ID \+33•••••••77: not a number of this account, calls fail \(21210\)\. Fix: npm run setup -- --number/,
    );
    expect(JSON.stringify(answer)).not.toContain('187654377');
  });

  it('says when Twilio refuses the auth token, and skips what needs it', async () => {
    const answer = await askHealth(world(), {
      deep: true,
      overrides: { TWILIO_AUTH_TOKEN: 'a-stale-auth-token' },
    });

    expect(answer.status).toBe(503);
    expect(statuses(answer)).toEqual({
      ...ALL_OK,
      'twilio.auth_token': 'problem',
      'twilio.api_key': 'skipped',
      'twilio.caller_id': 'skipped',
    });
    expect(detailOf(answer, 'twilio.auth_token')).toBe(
      'Twilio refused TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN: every call from Twilio gets 403. Fix: npm run setup',
    );
    expect(detailOf(answer, 'twilio.api_key')).toBe('not checked: Twilio refused TWILIO_AUTH_TOKEN');
  });

  it('says when the account is suspended', async () => {
    world().twilio.accounts[0]!.status = 'suspended';
    const answer = await askHealth(world(), { deep: true });
    expect(detailOf(answer, 'twilio.auth_token')).toBe(
      'the Twilio account is suspended: reactivate it in Twilio Console',
    );
  });

  it('says when the API key was deleted: the key, its secret and what it was needed for', async () => {
    world().twilio.accounts[0]!.keys.length = 0;
    const answer = await askHealth(world(), { deep: true });

    expect(statuses(answer)).toEqual({
      ...ALL_OK,
      'twilio.api_key': 'problem',
      'twilio.api_key_secret': 'problem',
      'twilio.twiml_app': 'skipped',
    });
    expect(detailOf(answer, 'twilio.api_key')).toBe(
      'TWILIO_API_KEY_SID SK0000…0000: no such key in this account. Fix: npm run setup -- --rotate-key',
    );
  });

  it("says when the API key's secret is not the key's", async () => {
    const answer = await askHealth(world(), {
      deep: true,
      overrides: { TWILIO_API_KEY_SECRET: 'not-the-secret' },
    });

    expect(statuses(answer)).toEqual({
      ...ALL_OK,
      'twilio.api_key_secret': 'problem',
      'twilio.twiml_app': 'skipped',
    });
    expect(detailOf(answer, 'twilio.api_key_secret')).toBe(
      'Twilio refused TWILIO_API_KEY_SID + TWILIO_API_KEY_SECRET: phones cannot connect (20101). ' +
        'Fix: npm run setup -- --rotate-key',
    );
  });

  it('says when Twilio answers with an error of its own', async () => {
    const { twilio } = world();
    const answer = twilio.fetch;
    twilio.fetch = async (input, init) =>
      new Request(input, init).url.includes('/Keys/')
        ? Response.json({ code: 20500, message: 'Internal Server Error', status: 500 }, { status: 500 })
        : answer(input, init);

    const health = await askHealth(world(), { deep: true });

    expect(statuses(health)).toEqual({ ...ALL_OK, 'twilio.api_key': 'problem' });
    expect(detailOf(health, 'twilio.api_key')).toBe('Twilio answered HTTP 500; try again later');
  });

  it('says when the TwiML App does not exist in the account', async () => {
    const answer = await askHealth(world(), {
      deep: true,
      overrides: { TWILIO_TWIML_APP_SID: `AP${'a'.repeat(32)}` },
    });
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'twilio.twiml_app': 'problem' });
    expect(detailOf(answer, 'twilio.twiml_app')).toBe(
      'TWILIO_TWIML_APP_SID APaaaa…aaaa: no such TwiML App in this account. Fix: npm run setup',
    );
  });

  it('says when Odoo refuses the service key, and skips the read', async () => {
    const answer = await askHealth(world(), {
      deep: true,
      overrides: { ODOO_API_KEY: 'revoked-odoo-api-key' },
    });

    expect(answer.status).toBe(503);
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'odoo.login': 'problem', 'odoo.leads': 'skipped' });
    expect(detailOf(answer, 'odoo.login')).toMatch(
      /^Odoo refused ODOO_LOGIN \+ ODOO_API_KEY: no call is logged\. Fix:/,
    );
    expect(detailOf(answer, 'odoo.login')).toContain('npx wrangler secret put ODOO_API_KEY');
    expect(world().odoo.calls.map((call) => call.method)).toEqual(['login']);
  });

  it('says when the service user may not read leads', async () => {
    await world().odoo.fail({
      kind: 'odoo-error',
      exception: 'AccessError',
      only: { methods: ['search_count'] },
    });
    const answer = await askHealth(world(), { deep: true });

    expect(statuses(answer)).toEqual({ ...ALL_OK, 'odoo.leads': 'problem' });
    expect(detailOf(answer, 'odoo.leads')).toMatch(/^Odoo refused the request \(AccessError: .*\)\./s);
    expect(detailOf(answer, 'odoo.leads')).toMatch(/Fix: give the service user Sales: User: All Documents/);
  });

  it('says when ODOO_DB names no database', async () => {
    const answer = await askHealth(world(), { deep: true, overrides: { ODOO_DB: 'no_such_db' } });
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'odoo.login': 'problem', 'odoo.leads': 'skipped' });
    expect(detailOf(answer, 'odoo.login')).toMatch(/Fix: check ODOO_URL and ODOO_DB\.$/);
  });

  it('says when Odoo cannot be reached', async () => {
    await world().odoo.fail({ kind: 'down' });
    const answer = await askHealth(world(), { deep: true });
    expect(statuses(answer)).toEqual({ ...ALL_OK, 'odoo.login': 'problem', 'odoo.leads': 'skipped' });
    expect(detailOf(answer, 'odoo.login')).toBe('Odoo could not be reached at https://odoo.example.test.');
  });

  it('skips, without asking anyone, the checks whose settings are missing or invalid', async () => {
    const answer = await askHealth(world(), {
      deep: true,
      overrides: { ODOO_API_KEY: undefined, TWILIO_CALLER_ID: '0187654321' },
    });

    expect(answer.missing).toEqual(['ODOO_API_KEY']);
    expect(statuses(answer)).toEqual({
      ...ALL_OK,
      'twilio.caller_id': 'skipped',
      'odoo.login': 'skipped',
      'odoo.leads': 'skipped',
    });
    expect(detailOf(answer, 'twilio.caller_id')).toBe('not checked: TWILIO_CALLER_ID is invalid');
    expect(detailOf(answer, 'odoo.login')).toBe('not checked: ODOO_API_KEY is missing');
    expect(world().odoo.calls).toEqual([]);
    expect(world().twilio.requests.some((request) => request.path.includes('IncomingPhoneNumbers'))).toBe(
      false,
    );
  });

  it('runs no deep check without a migrated D1, which holds the once-a-minute limit', async () => {
    await env.DB.exec('ALTER TABLE health_checks RENAME TO health_checks_moved');
    try {
      const answer = await askHealth(world(), { deep: true });
      expect(answer.invalid).toEqual([{ name: 'DB', reason: expect.stringMatching(/migrations apply/) }]);
      expect(answer.deep).toBeUndefined();
      expect(world().twilio.requests).toEqual([]);
      expect(world().odoo.calls).toEqual([]);
    } finally {
      await env.DB.exec('ALTER TABLE health_checks_moved RENAME TO health_checks');
    }
  });
});

describe('a slow or silent Twilio or Odoo', () => {
  it('gives "timed out" rows within the time limit, not a hung health check', async () => {
    world().twilio.stalled = true;
    await world().odoo.fail({ kind: 'slow', delayMs: 60_000 });

    const checks = await runDeepChecks({ ...env, ...world().settings } as Env, { timeoutMs: 300 });

    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    for (const id of [
      'twilio.auth_token',
      'twilio.api_key',
      'twilio.api_key_secret',
      'twilio.twiml_app',
      'twilio.caller_id',
    ]) {
      expect(byId[id]).toEqual({
        id,
        status: 'problem',
        detail: 'Twilio did not answer within 0.3 s (timed out); try again later',
      });
    }
    expect(byId['odoo.login']).toEqual({
      id: 'odoo.login',
      status: 'problem',
      detail: 'Odoo did not answer within 0.3 s (timed out); try again later',
    });
    expect(byId['odoo.leads']?.status).toBe('skipped');
  });

  it('gives the Odoo read "timed out" when only it is slow, after a good login', async () => {
    await world().odoo.fail({ kind: 'slow', delayMs: 60_000, only: { methods: ['search_count'] } });

    const checks = await runDeepChecks({ ...env, ...world().settings } as Env, { timeoutMs: 300 });

    expect(checks.find((check) => check.id === 'odoo.login')?.status).toBe('ok');
    expect(checks.find((check) => check.id === 'odoo.leads')).toEqual({
      id: 'odoo.leads',
      status: 'problem',
      detail: 'Odoo did not answer within 0.3 s (timed out); try again later',
    });
  });
});
