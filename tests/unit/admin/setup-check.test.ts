import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../worker/admin/admin-error';
import { setup } from '../../../worker/admin/setup';
import {
  startTwilioRestStandIn,
  type TwilioRestStandIn,
} from '../../support/twilio-rest/twilio-rest-stand-in';
import { installWranglerStub, type WranglerStub } from '../../support/wrangler-stub/install-wrangler-stub';
import {
  type HealthStandIn,
  healthAnswer,
  repoRoot,
  runInProcess,
  startHealthStandIn,
  unusedLocalUrl,
} from './harness';

/**
 * `npm run setup -- --check` against a Twilio account that setup configured for a worker whose
 * `/health` is served locally: each test breaks one thing and expects the table to say so.
 */

const NUMBER = '+33159000001';

let twilio: TwilioRestStandIn;
let wrangler: WranglerStub;
let worker: HealthStandIn;

function env(overrides: Record<string, string | undefined> = {}) {
  const account = twilio.accounts[0]!;
  return {
    TWILIO_ACCOUNT_SID: account.sid,
    TWILIO_AUTH_TOKEN: account.authToken,
    TWILIO_API_BASE_URL: twilio.baseUrl,
    ...wrangler.env,
    ...overrides,
  };
}

const config = ['--config', join(repoRoot, 'wrangler.toml')];

function check(url: string, extra: string[] = [], overrides: Record<string, string | undefined> = {}) {
  return runInProcess(setup, [...config, '--check', '--url', url, ...extra], env(overrides));
}

/** The table row about `what`, as printed. */
function row(stdout: string, what: string): string {
  return stdout.split('\n').find((line) => line.startsWith(what)) ?? `(no row "${what}")`;
}

beforeEach(async () => {
  twilio = await startTwilioRestStandIn([{ numbers: [{ phoneNumber: NUMBER }] }]);
  wrangler = installWranglerStub();
  worker = await startHealthStandIn();
  const configured = await runInProcess(setup, [...config, '--url', worker.url], env());
  expect(configured.code, configured.output).toBe(EXIT.ok);
});

afterEach(async () => {
  await twilio.close();
  await worker.close();
  wrangler.remove();
});

describe('npm run setup -- --check', () => {
  it('says everything is fine after setup, changing nothing and printing no secret', async () => {
    const requestsBefore = twilio.requests.length;
    const callsBefore = wrangler.state().calls.length;

    const run = await check(worker.url, ['--number', NUMBER]);

    expect(run.code, run.output).toBe(EXIT.ok);
    for (const what of [
      'Twilio credentials',
      'API key',
      'TwiML App',
      `Number ${NUMBER}`,
      'Worker /health',
      'Worker: Twilio auth token',
      'Worker: API key',
      'Worker: API key secret',
      'Worker: TwiML App',
      'Worker: caller id',
      'Worker: Odoo login',
      'Worker: Odoo leads',
    ]) {
      expect(row(run.stdout, what)).toMatch(/\bok\b/);
    }
    expect(twilio.requests.slice(requestsBefore).every((request) => request.method === 'GET')).toBe(true);
    expect(wrangler.state().calls).toHaveLength(callsBefore);
    expect(worker.queries).toEqual(['deep=1']);
    const { secrets } = wrangler.state();
    for (const secret of [
      twilio.accounts[0]!.authToken,
      secrets.TWILIO_API_KEY_SECRET,
      secrets.SESSION_SECRET,
    ]) {
      expect(run.output).not.toContain(secret);
    }
  });

  it('finds a TwiML App whose voice URL points at another worker', async () => {
    twilio.accounts[0]!.applications[0]!.voiceUrl = 'https://old-worker.example/twiml/outbound';

    const run = await check(worker.url);

    expect(run.code).toBe(EXIT.needsAttention);
    const app = row(run.stdout, 'TwiML App');
    expect(app).toContain('FIX');
    expect(app).toContain('https://old-worker.example/twiml/outbound');
    expect(app).toContain(`${worker.url}/twiml/outbound`);
    expect(twilio.changingRequests().filter((request) => request.path.includes('Applications/'))).toEqual([]);
  });

  it('finds a number whose calls go elsewhere', async () => {
    twilio.accounts[0]!.numbers[0]!.voiceUrl = 'https://demo.twilio.com/welcome/voice/';

    const run = await check(worker.url, ['--number', NUMBER]);

    expect(run.code).toBe(EXIT.needsAttention);
    expect(row(run.stdout, `Number ${NUMBER}`)).toContain(
      'voiceUrl is https://demo.twilio.com/welcome/voice/',
    );
  });

  it('finds a caller id that is not a number of the account', async () => {
    const run = await check(worker.url, ['--number', '+33159999999']);

    expect(run.code).toBe(EXIT.notFound);
    expect(row(run.stdout, 'Number +33159999999')).toContain('not a phone number of this Twilio account');
  });

  it('reports rejected credentials as Twilio error 20003 and skips what it cannot read', async () => {
    const run = await check(worker.url, [], { TWILIO_AUTH_TOKEN: 'wrong-token' });

    expect(run.code).toBe(EXIT.twilioAuth);
    expect(row(run.stdout, 'Twilio credentials')).toContain('20003 "Authenticate"');
    expect(row(run.stdout, 'TwiML App')).toContain('skipped');
    expect(row(run.stdout, 'Worker /health')).toContain('ok');
    expect(run.output).not.toContain('wrong-token');
  });

  it('names the settings the worker says are missing', async () => {
    worker.answer = { status: 503, body: { ok: false, missing: ['ODOO_API_KEY', 'ODOO_DB'], invalid: [] } };

    const run = await check(worker.url);

    expect(run.code).toBe(EXIT.needsAttention);
    expect(row(run.stdout, 'Worker /health')).toContain('missing settings: ODOO_API_KEY, ODOO_DB');
  });

  it("shows the worker's own checks of Twilio and Odoo, and what to fix", async () => {
    worker.answer = healthAnswer({
      checks: {
        'odoo.login': {
          status: 'problem',
          detail: 'Odoo refused ODOO_LOGIN + ODOO_API_KEY: no call is logged. Fix: a new API key',
        },
        'odoo.leads': { status: 'skipped', detail: 'not checked: the login failed' },
      },
    });

    const run = await check(worker.url);

    expect(run.code).toBe(EXIT.needsAttention);
    expect(row(run.stdout, 'Worker /health')).toMatch(/ok .*settings ok; Twilio and Odoo checked 0 s ago/);
    expect(row(run.stdout, 'Worker: Odoo login')).toMatch(/FIX +Odoo refused ODOO_LOGIN \+ ODOO_API_KEY/);
    expect(row(run.stdout, 'Worker: Odoo leads')).toMatch(/skipped +not checked: the login failed/);
    expect(row(run.stdout, 'Worker: TwiML App')).toMatch(/\bok\b/);
    expect(worker.hits).toBe(1);
  });

  it("waits once for the worker's next check when its results are old and show a problem", async () => {
    const stale = healthAnswer({
      ageSeconds: 59,
      checks: {
        'twilio.twiml_app': { status: 'problem', detail: 'TwiML App AP…: voiceUrl is https://old.example' },
      },
    });
    // The worker may refresh 0.2 s after it answered (its clock, not this machine's, counts).
    const workerNow = Date.parse(stale.body.deep!.checkedAt!) + 59_000;
    stale.body.deep!.nextRefreshAt = new Date(workerNow + 200).toISOString();
    worker.next = [stale];

    const run = await check(worker.url);

    expect(run.stderr).toContain('its last results are not current: waiting 2 s for a new check');
    expect(worker.queries).toEqual(['deep=1', 'deep=1']);
    expect(run.code, run.output).toBe(EXIT.ok);
    expect(row(run.stdout, 'Worker: TwiML App')).toMatch(/\bok\b/);
  });

  it('does not wait for results that are old but good, nor for a wait longer than the minute', async () => {
    worker.answer = healthAnswer({ ageSeconds: 200 });
    let run = await check(worker.url);
    expect(run.code).toBe(EXIT.ok);
    expect(worker.hits).toBe(1);
    expect(row(run.stdout, 'Worker /health')).toContain('Twilio and Odoo checked 200 s ago');

    const problem = healthAnswer({
      ageSeconds: 5,
      checks: { 'odoo.leads': { status: 'problem', detail: 'x' } },
    });
    problem.body.deep!.nextRefreshAt = new Date(Date.now() + 10 * 60_000).toISOString();
    worker.answer = problem;
    run = await check(worker.url);
    expect(run.code).toBe(EXIT.needsAttention);
    expect(worker.hits).toBe(2);
  });

  it('says when the worker does not check Twilio and Odoo itself (an older worker)', async () => {
    worker.answer = { status: 200, body: { ok: true, missing: [], invalid: [] } };

    const run = await check(worker.url);

    expect(run.code).toBe(EXIT.ok);
    expect(row(run.stdout, 'Worker: Twilio and Odoo')).toMatch(
      /skipped +this worker does not check them itself/,
    );
  });

  it('says when the worker cannot be reached', async () => {
    const nowhere = await unusedLocalUrl();

    const run = await check(nowhere);

    expect(run.code).toBe(EXIT.workerUnreachable);
    expect(row(run.stdout, 'Worker /health')).toContain('unreachable');
    // Twilio was configured for another URL: the check says so too.
    expect(row(run.stdout, 'TwiML App')).toContain('FIX');
  });
});
