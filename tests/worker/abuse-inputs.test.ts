/**
 * Malformed input on every route, by the thousand (issue 12, measured in docs/security.md by
 * tests/security/measure.ts): valid requests bent out of shape (fields dropped, retyped,
 * hostile strings, unknown keys, `__proto__`), bodies that are not JSON or not forms, wrong
 * content types, junk credentials, junk paths — each signed or authenticated where the route
 * needs it, so that validation itself is what is tried. Never a 5xx, and every JSON error in
 * the one error shape. Odoo is the stand-in: what passes validation meets a real-shaped Odoo.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isApiErrorBody } from '../../shared/errors';
import { SEED } from '../support/odoo-standin/data';
import { TEST_SETTINGS } from './settings';
import {
  HOSTILE_STRINGS,
  headerText,
  junkText,
  mutateForm,
  mutateJson,
  pick,
  type Random,
  reportMeasure,
  seeded,
  urlText,
} from './support/fuzz';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  placeCall,
  type SyncHarness,
} from './support/odoo-sync';
import { newCallSid, signTwilio, twilioInit } from './support/twilio';
import { clearDatabase } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

const CASES_PER_ROUTE = 1000;
const measured: Record<string, { tried: number; serverErrors: number; statuses: Record<string, number> }> =
  {};
afterAll(() => reportMeasure('malformed-inputs', measured));

interface Context {
  h: SyncHarness;
  authorization: Record<string, string>;
  callSid: string;
}

interface Attempt {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  '',
];

/** Junk in the Authorization header of an agent route. */
function junkAuthorization(random: Random, valid: Record<string, string>): Record<string, string> {
  const token = valid.Authorization!.slice('Bearer '.length);
  return {
    Authorization: pick(random, [
      '',
      'Bearer',
      'Bearer ',
      `Basic ${btoa('demo:demo')}`,
      `Bearer ${token.slice(0, -2)}`,
      `Bearer ${token}.x`,
      `Bearer ${token.split('.').slice(0, 2).join('.')}.`,
      `Bearer ${headerText(pick(random, HOSTILE_STRINGS))}`,
      `bearer ${token}${token}`,
    ]),
  };
}

/** A JSON route: mostly bent bodies with good credentials, some bad credentials or content types. */
function jsonAttempt(
  random: Random,
  path: string,
  valid: Record<string, unknown>,
  authorization: Record<string, string> | null,
): Attempt {
  const roll = random();
  const credentials = authorization ?? {};
  if (roll < 0.55) {
    return {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', ...credentials },
      body: JSON.stringify(mutateJson(random, valid)) ?? 'null',
    };
  }
  if (roll < 0.8) {
    return {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', ...credentials },
      body: junkText(random, JSON.stringify(valid)),
    };
  }
  if (roll < 0.9) {
    return {
      method: 'POST',
      path,
      headers: { 'Content-Type': pick(random, CONTENT_TYPES), ...credentials },
      body: JSON.stringify(valid),
    };
  }
  return {
    method: 'POST',
    path,
    headers: {
      'Content-Type': 'application/json',
      ...(authorization ? junkAuthorization(random, authorization) : { Authorization: 'Bearer x' }),
    },
    body: JSON.stringify(valid),
  };
}

/** A Twilio route: bent form parameters, signed as Twilio would, or unsigned junk. */
async function twilioAttempt(random: Random, path: string, valid: [string, string][]): Promise<Attempt> {
  if (random() < 0.9) {
    const params = mutateForm(random, valid);
    const init = twilioInit(params, await signTwilio(path, params));
    return {
      method: 'POST',
      path,
      headers: init.headers as Record<string, string>,
      body: init.body as string,
    };
  }
  const body = junkText(random, new URLSearchParams(valid).toString());
  return {
    method: 'POST',
    path,
    headers: {
      'Content-Type': pick(random, CONTENT_TYPES),
      'X-Twilio-Signature': await signTwilio(path, [...new URLSearchParams(body)]),
    },
    body,
  };
}

const twilioBase = (CallSid: string): [string, string][] => [
  ['AccountSid', TEST_SETTINGS.TWILIO_ACCOUNT_SID],
  ['CallSid', CallSid],
];

const ROUTES: { route: string; attempt: (random: Random, context: Context) => Attempt | Promise<Attempt> }[] =
  [
    {
      route: 'POST /auth/login',
      attempt: (random, { h }) =>
        jsonAttempt(
          random,
          '/auth/login',
          { login: h.odoo.credentials.agents.marc.login, password: 'not-the-password' },
          null,
        ),
    },
    {
      route: 'POST /auth/logout',
      attempt: (random, { authorization }) => ({
        method: 'POST',
        path: '/auth/logout',
        headers: junkAuthorization(random, authorization),
        body: junkText(random, '{}'),
      }),
    },
    {
      route: 'POST /token',
      attempt: (random, { authorization }) => jsonAttempt(random, '/token', {}, authorization),
    },
    {
      route: 'GET /calls',
      attempt: (random, { authorization }) => ({
        method: 'GET',
        path: `/calls?${urlText(pick(random, HOSTILE_STRINGS))}=${urlText(pick(random, HOSTILE_STRINGS))}`,
        headers: random() < 0.5 ? authorization : junkAuthorization(random, authorization),
      }),
    },
    {
      route: 'POST /calls/:callSid/wrap-up',
      attempt: (random, { authorization, callSid }) => {
        const sid =
          random() < 0.8
            ? callSid
            : urlText(pick(random, [...HOSTILE_STRINGS.filter(Boolean), newCallSid()]));
        return jsonAttempt(
          random,
          `/calls/${sid}/wrap-up`,
          { disposition: 'interested', note: 'Call back in May.' },
          authorization,
        );
      },
    },
    {
      route: 'POST /presence',
      attempt: (random, { authorization }) =>
        jsonAttempt(random, '/presence', { status: 'available', registered: true }, authorization),
    },
    {
      route: 'POST /twiml/outbound',
      attempt: (random) =>
        twilioAttempt(random, '/twiml/outbound', [
          ...twilioBase(newCallSid()),
          ['From', `client:odoo_${SEED.users.marc}`],
          ['To', '+33612345678'],
          ['OdooModel', 'crm.lead'],
          ['OdooId', String(SEED.leads.officeDesign)],
        ]),
    },
    {
      route: 'POST /twiml/inbound',
      attempt: (random) =>
        twilioAttempt(random, '/twiml/inbound', [
          ...twilioBase(newCallSid()),
          ['From', pick(random, [SEED.numbers.decoAddict, SEED.numbers.unknown, 'anonymous'])],
          ['To', TEST_SETTINGS.TWILIO_CALLER_ID],
        ]),
    },
    ...(['after-owner', 'after-everyone', 'voicemail-done'] as const).map((step) => ({
      route: `POST /twiml/inbound/${step}`,
      attempt: (random: Random, { callSid }: Context) =>
        twilioAttempt(random, `/twiml/inbound/${step}`, [
          ...twilioBase(callSid),
          ['CallStatus', 'in-progress'],
          ['DialCallStatus', pick(random, ['no-answer', 'completed', 'busy'])],
        ]),
    })),
    {
      route: 'POST /webhooks/call-status',
      attempt: (random, { callSid }) =>
        twilioAttempt(random, '/webhooks/call-status', [
          ...twilioBase(random() < 0.5 ? callSid : newCallSid()),
          ['CallStatus', pick(random, ['ringing', 'in-progress', 'completed', 'no-answer'])],
          ['ParentCallSid', callSid],
          ['SequenceNumber', String(Math.floor(random() * 5))],
          ['CallDuration', '42'],
          ['Timestamp', 'Tue, 06 Jan 2026 10:00:00 +0000'],
          ['To', '+33612345678'],
        ]),
    },
    {
      route: 'POST /webhooks/recording',
      attempt: (random, { callSid }) =>
        twilioAttempt(random, '/webhooks/recording', [
          ...twilioBase(callSid),
          ['RecordingSid', `RE${'0'.repeat(31)}${Math.floor(random() * 10)}`],
          ['RecordingUrl', 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE0'],
          ['RecordingStatus', 'completed'],
          ['RecordingDuration', '12'],
          ['RecordingSource', 'RecordVerb'],
        ]),
    },
    {
      route: 'GET /health',
      attempt: (random) => ({
        method: 'GET',
        path: `/health?${urlText(pick(random, ['deep', 'x', 'verbose', ...HOSTILE_STRINGS.slice(0, 8)]))}=${urlText(pick(random, HOSTILE_STRINGS))}`,
        headers: {},
      }),
    },
  ];

describe.each(ROUTES)('malformed input on $route', ({ route, attempt }) => {
  it(`never answers 5xx, and errors keep their shape (${CASES_PER_ROUTE} cases)`, {
    timeout: 120_000,
  }, async () => {
    const h = harness();
    const marc = await h.signIn('marc', { ringable: true });
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await deliverCallbacks(h, callbacks(call, 'answered'));
    const context: Context = { h, authorization: marc.authorization, callSid: call.sid };
    const random = seeded(
      [...route].reduce(
        (hash, character) => Math.imul(hash ^ character.charCodeAt(0), 16_777_619),
        2_166_136_261,
      ),
    );
    const result = { tried: 0, serverErrors: 0, statuses: {} as Record<string, number> };
    for (let index = 0; index < CASES_PER_ROUTE; index += 1) {
      const { method, path, headers, body } = await attempt(random, context);
      const response = await h.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      result.tried += 1;
      result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
      if (response.status >= 500) result.serverErrors += 1;
      const where = `case ${index}: ${method} ${path} ${body?.slice(0, 100) ?? ''} → ${response.status} ${text.slice(0, 200)}`;
      expect(response.status, where).toBeLessThan(500);
      if (response.status >= 400) expect(isApiErrorBody(JSON.parse(text)), where).toBe(true);
    }
    measured[route] = result;
  });
});
