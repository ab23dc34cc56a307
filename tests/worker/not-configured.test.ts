/**
 * Each route names the settings it lacks (503 `not_configured`, names only) before doing anything,
 * so an admin can tell from one failed request what to set.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SettingName } from '../../worker/env';
import { forgetServiceLogins } from '../../worker/odoo/service-account';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { expectOdooExecute, expectOdooLogin } from './support/odoo';
import { SIGNED_VECTORS, twilioInit } from './support/twilio';
import { callWorkerWith, clearDatabase, databaseSnapshot, expectApiError, jsonInit } from './support/worker';

installStrictFetch(); // and so, nothing reaches Odoo
let authorization: Record<string, string>;
beforeEach(async () => {
  forgetServiceLogins();
  await clearDatabase();
  authorization = (await seedAgent(7, { tokenExpiresAt: Date.now() + 3600_000 })).authorization;
});

const vector = (path: string) => SIGNED_VECTORS.find((candidate) => candidate.path.startsWith(path))!;

const ROUTES: { route: string; needs: SettingName[]; init: () => RequestInit }[] = [
  {
    route: '/auth/login',
    needs: ['ODOO_URL', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_API_KEY', 'SESSION_SECRET'],
    init: () => jsonInit({ login: 'marie', password: 'x' }),
  },
  {
    route: '/token',
    needs: [
      'SESSION_SECRET',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_API_KEY_SID',
      'TWILIO_API_KEY_SECRET',
      'TWILIO_TWIML_APP_SID',
    ],
    init: () => ({ method: 'POST', headers: authorization }),
  },
  {
    route: '/twiml/outbound',
    needs: ['TWILIO_AUTH_TOKEN', 'PUBLIC_URL', 'TWILIO_CALLER_ID', 'DIAL_ALLOWED_COUNTRIES'],
    init: () => twilioInit(vector('/twiml/outbound').params, vector('/twiml/outbound').signature),
  },
  {
    route: '/twiml/inbound',
    needs: ['TWILIO_AUTH_TOKEN', 'PUBLIC_URL'],
    init: () => twilioInit(vector('/twiml/inbound').params, vector('/twiml/inbound').signature),
  },
  {
    route: '/webhooks/call-status',
    needs: ['TWILIO_AUTH_TOKEN', 'PUBLIC_URL'],
    init: () => {
      const { params, signature } = vector('/webhooks/call-status');
      return twilioInit(params, signature);
    },
  },
];

describe.each(ROUTES)('POST $route', ({ route, needs, init }) => {
  const path = route === '/webhooks/call-status' ? vector(route).path : route;

  it.each(needs)('answers 503 naming %s when it is missing, and changes nothing', async (setting) => {
    const before = await databaseSnapshot();
    const error = await expectApiError(
      await callWorkerWith({ [setting]: undefined }, path, init()),
      503,
      'not_configured',
    );
    expect(error.error.details).toEqual({ missing: [setting] });
    expect(error.error.message).toContain(setting);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('names every missing setting at once', async () => {
    const error = await expectApiError(
      await callWorkerWith(Object.fromEntries(needs.map((setting) => [setting, ''])), path, init()),
      503,
      'not_configured',
    );
    expect(error.error.details).toEqual({ missing: needs });
  });

  it('works without the settings it does not need', async () => {
    const others = Object.keys(TEST_SETTINGS).filter((setting) => !needs.includes(setting as SettingName));
    // Sign-in goes on to ask Odoo (as the service account) for the login, which does not exist.
    if (route === '/auth/login') {
      expectOdooLogin(TEST_SETTINGS.ODOO_LOGIN, TEST_SETTINGS.ODOO_API_KEY, { result: 11 });
      expectOdooExecute(
        {
          uid: 11,
          password: TEST_SETTINGS.ODOO_API_KEY,
          model: 'res.users',
          method: 'search',
          args: [[['login', '=ilike', 'marie']]],
          kwargs: { limit: 1 },
        },
        { result: [] },
      );
    }
    const response = await callWorkerWith(
      Object.fromEntries(others.map((setting) => [setting, undefined])),
      path,
      init(),
    );
    expect(response.status).toBe(
      route === '/auth/login' ? 401 : route === '/webhooks/call-status' ? 204 : 200,
    );
  });
});
