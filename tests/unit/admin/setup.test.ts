import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../../shared/extension-id';
import { EXIT } from '../../../worker/admin/admin-error';
import { setup } from '../../../worker/admin/setup';
import {
  type StandInAccountSeed,
  startTwilioRestStandIn,
  type TwilioRestStandIn,
} from '../../support/twilio-rest/twilio-rest-stand-in';
import { installWranglerStub, type WranglerStub } from '../../support/wrangler-stub/install-wrangler-stub';
import { repoRoot, runInProcess } from './harness';

const PUBLIC_URL = 'https://calls.acme.example';
const NUMBER = '+33159000001';
const FRIENDLY_NAME = 'Odoo click-to-call (odoo-click-to-call)';

let twilio: TwilioRestStandIn;
let wrangler: WranglerStub;

async function startAccount(seed: StandInAccountSeed = { numbers: [{ phoneNumber: NUMBER }] }) {
  twilio = await startTwilioRestStandIn([seed]);
  return twilio.accounts[0]!;
}

beforeEach(() => {
  wrangler = installWranglerStub();
});

afterEach(async () => {
  await twilio?.close();
  wrangler.remove();
});

function runSetup(args: string[], env: Record<string, string | undefined> = {}) {
  const account = twilio.accounts[0]!;
  return runInProcess(setup, ['--config', join(repoRoot, 'wrangler.toml'), ...args], {
    TWILIO_ACCOUNT_SID: account.sid,
    TWILIO_AUTH_TOKEN: account.authToken,
    TWILIO_API_BASE_URL: twilio.baseUrl,
    ...wrangler.env,
    ...env,
  });
}

const odooArgs = [
  '--odoo-url',
  'https://acme.odoo.com/',
  '--odoo-db',
  'acme',
  '--odoo-login',
  'calls@acme.example',
];
const odooEnv = { ODOO_API_KEY: 'odoo-key-0000' };

describe('npm run setup on a fresh Twilio account', () => {
  it('creates the API key and the TwiML App, routes the number, and sets every worker setting', async () => {
    const account = await startAccount();

    const run = await runSetup(['--url', `${PUBLIC_URL}/`, ...odooArgs], odooEnv);

    expect(run.code, run.output).toBe(EXIT.ok);
    expect(account.keys.map((key) => key.friendlyName)).toEqual([FRIENDLY_NAME]);
    expect(account.applications).toHaveLength(1);
    const [app] = account.applications;
    expect(app).toMatchObject({
      friendlyName: FRIENDLY_NAME,
      voiceUrl: `${PUBLIC_URL}/twiml/outbound`,
      voiceMethod: 'POST',
      statusCallback: `${PUBLIC_URL}/webhooks/call-status`,
      statusCallbackMethod: 'POST',
    });
    expect(account.numbers[0]).toMatchObject({
      phoneNumber: NUMBER,
      voiceUrl: `${PUBLIC_URL}/twiml/inbound`,
      voiceMethod: 'POST',
      statusCallback: `${PUBLIC_URL}/webhooks/call-status`,
      statusCallbackMethod: 'POST',
    });

    const { secrets } = wrangler.state();
    const [key] = account.keys;
    expect(secrets).toEqual({
      TWILIO_ACCOUNT_SID: account.sid,
      TWILIO_AUTH_TOKEN: account.authToken,
      TWILIO_API_KEY_SID: key!.sid,
      TWILIO_API_KEY_SECRET: key!.secret,
      TWILIO_TWIML_APP_SID: app!.sid,
      TWILIO_CALLER_ID: NUMBER,
      PUBLIC_URL,
      SESSION_SECRET: expect.stringMatching(/^[\w-]{64}$/),
      EXTENSION_ORIGINS: EXTENSION_ORIGIN,
      ODOO_URL: 'https://acme.odoo.com',
      ODOO_DB: 'acme',
      ODOO_LOGIN: 'calls@acme.example',
      ODOO_API_KEY: 'odoo-key-0000',
    });
  });

  it('hands every value to `wrangler secret put NAME` on stdin, never on the command line, with wrangler kept offline', async () => {
    await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, ...odooArgs], odooEnv);

    expect(run.code, run.output).toBe(EXIT.ok);
    const { calls, secrets } = wrangler.state();
    const puts = calls.filter((call) => call.args[0] === 'secret' && call.args[1] === 'put');
    expect(puts.map((call) => call.args[2]).sort()).toEqual(Object.keys(secrets).sort());
    for (const call of puts) {
      const value = secrets[call.args[2]!]!;
      expect(call.stdin).toBe(value);
      expect(call.args.join(' ')).not.toContain(value);
    }
    expect(calls.every((call) => call.offline)).toBe(true);
  });

  it('never prints a secret', async () => {
    const account = await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, ...odooArgs], odooEnv);

    const { secrets } = wrangler.state();
    for (const secret of [
      account.authToken,
      secrets.TWILIO_API_KEY_SECRET,
      secrets.SESSION_SECRET,
      'odoo-key-0000',
    ]) {
      expect(run.output).not.toContain(secret);
    }
  });
});

describe('npm run setup, run a second time', () => {
  it('creates nothing new and keeps the key secret and session secret already set', async () => {
    const account = await startAccount();
    expect((await runSetup(['--url', PUBLIC_URL])).code).toBe(EXIT.ok);
    const first = wrangler.state().secrets;
    const requestsBefore = twilio.requests.length;

    const second = await runSetup(['--url', PUBLIC_URL]);

    expect(second.code, second.output).toBe(EXIT.ok);
    expect(account.keys).toHaveLength(1);
    expect(account.applications).toHaveLength(1);
    expect(twilio.requests.slice(requestsBefore).filter((request) => request.method !== 'GET')).toEqual([]);
    const after = wrangler.state().secrets;
    expect(after.TWILIO_API_KEY_SID).toBe(first.TWILIO_API_KEY_SID);
    expect(after.TWILIO_API_KEY_SECRET).toBe(first.TWILIO_API_KEY_SECRET);
    expect(after.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(second.stderr).toContain('TWILIO_API_KEY_SECRET is already set');
  });

  it('with --rotate-key makes a new key, sets it, and names the old one to delete', async () => {
    const account = await startAccount();
    await runSetup(['--url', PUBLIC_URL]);
    const oldKey = account.keys[0]!;

    const run = await runSetup(['--url', PUBLIC_URL, '--rotate-key']);

    expect(run.code, run.output).toBe(EXIT.ok);
    expect(account.keys).toHaveLength(2);
    const newKey = account.keys[1]!;
    expect(wrangler.state().secrets).toMatchObject({
      TWILIO_API_KEY_SID: newKey.sid,
      TWILIO_API_KEY_SECRET: newKey.secret,
    });
    expect(run.stderr).toContain(oldKey.sid);
  });

  it('points a TwiML App and a number that were moved elsewhere back at the worker', async () => {
    const account = await startAccount();
    await runSetup(['--url', PUBLIC_URL]);
    account.applications[0]!.voiceUrl = 'https://old-worker.example/twiml/outbound';
    account.numbers[0]!.voiceApplicationSid = 'AP00000000000000000000000000000abc';

    const run = await runSetup(['--url', PUBLIC_URL]);

    expect(run.code, run.output).toBe(EXIT.ok);
    expect(account.applications).toHaveLength(1);
    expect(account.applications[0]!.voiceUrl).toBe(`${PUBLIC_URL}/twiml/outbound`);
    expect(account.numbers[0]!.voiceApplicationSid).toBeNull();
    expect(run.stderr).toContain('https://old-worker.example/twiml/outbound');
  });
});

describe('npm run setup --extension-id', () => {
  it('allows the Chrome Web Store listing’s ID in EXTENSION_ORIGINS, even when already set', async () => {
    await startAccount();
    await runSetup(['--url', PUBLIC_URL]);
    const storeId = 'abcdefghijklmnopabcdefghijklmnop';

    const run = await runSetup(['--url', PUBLIC_URL, '--extension-id', storeId]);

    expect(run.code, run.output).toBe(EXIT.ok);
    expect(wrangler.state().secrets.EXTENSION_ORIGINS).toBe(`chrome-extension://${storeId}`);
  });

  it('refuses something that is not an extension ID', async () => {
    await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, '--extension-id', 'chrome-extension://x']);

    expect(run.code).toBe(EXIT.usage);
    expect(twilio.requests).toEqual([]);
  });
});

describe('npm run setup --dry-run', () => {
  it('only reads: no Twilio request that changes anything, no secret set', async () => {
    const account = await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, '--dry-run']);

    expect(run.code, run.output).toBe(EXIT.ok);
    expect(twilio.changingRequests()).toEqual([]);
    expect(account.keys).toEqual([]);
    expect(account.applications).toEqual([]);
    expect(wrangler.state().calls.map((call) => call.args.slice(0, 2).join(' '))).toEqual(['secret list']);
    expect(run.stderr).toContain('would create');
    expect(run.stderr).toContain(`${PUBLIC_URL}/twiml/outbound`);
  });
});

describe('npm run setup --print', () => {
  it('prints the settings as KEY=value lines on stdout and touches no worker', async () => {
    const account = await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, '--print']);

    expect(run.code, run.output).toBe(EXIT.ok);
    const printed = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(printed).toMatchObject({
      TWILIO_ACCOUNT_SID: account.sid,
      TWILIO_API_KEY_SID: account.keys[0]!.sid,
      TWILIO_API_KEY_SECRET: account.keys[0]!.secret,
      TWILIO_TWIML_APP_SID: account.applications[0]!.sid,
      PUBLIC_URL,
      EXTENSION_ORIGINS: EXTENSION_ORIGIN,
    });
    expect(wrangler.state().calls).toEqual([]);
  });
});

describe('npm run setup refuses what it cannot fix, before changing anything', () => {
  it('bad credentials: Twilio error 20003 "Authenticate", exit 3', async () => {
    await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL], { TWILIO_AUTH_TOKEN: 'not-the-token' });

    expect(run.code).toBe(EXIT.twilioAuth);
    expect(run.stderr).toContain('20003');
    expect(run.stderr).toContain('Authenticate');
    expect(run.output).not.toContain('not-the-token');
    expect(twilio.changingRequests()).toEqual([]);
    expect(wrangler.state().calls).toEqual([]);
  });

  it('a number the account does not own: exit 4, says which numbers it has', async () => {
    const account = await startAccount();

    const run = await runSetup(['--url', PUBLIC_URL, '--number', '+33 1 59 99 99 99']);

    expect(run.code).toBe(EXIT.notFound);
    expect(run.stderr).toContain('+33159999999 is not a phone number of Twilio account');
    expect(run.stderr).toContain(NUMBER);
    expect(twilio.changingRequests()).toEqual([]);
    expect(account.keys).toEqual([]);
    expect(Object.keys(wrangler.state().secrets)).toEqual([]);
  });

  it('several numbers and no terminal to choose on: exit 2, asks for --number', async () => {
    await startAccount({ numbers: [{ phoneNumber: NUMBER }, { phoneNumber: '+33159000002' }] });

    const run = await runSetup(['--url', PUBLIC_URL]);

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--number');
    expect(run.stderr).toContain('+33159000002');
    expect(twilio.changingRequests()).toEqual([]);
  });

  it('an account without a number: exit 4, says where to buy one', async () => {
    await startAccount({ numbers: [] });

    const run = await runSetup(['--url', PUBLIC_URL]);

    expect(run.code).toBe(EXIT.notFound);
    expect(run.stderr).toContain('Buy a number');
  });

  it('a public URL that is not HTTPS: exit 2 before calling Twilio', async () => {
    await startAccount();

    const run = await runSetup(['--url', 'http://calls.acme.example']);

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('https://');
    expect(twilio.requests).toEqual([]);
  });

  it('no public URL and no terminal to ask on: exit 2 naming the flag', async () => {
    await startAccount();

    const run = await runSetup([]);

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--url');
  });
});
