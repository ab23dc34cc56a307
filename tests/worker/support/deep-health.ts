/**
 * A world for the deep `/health` checks: a Twilio account in the REST stand-in's core and an Odoo
 * in the Odoo stand-in's core, both set up the way `npm run setup` leaves them for the worker of
 * TEST_SETTINGS, and answering the worker's `fetch` in place of the network. Any request to
 * another host fails the test. The worker's log lines are captured for "no secret" assertions.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { HealthResponse } from '../../../shared/api';
import type { SettingName } from '../../../worker/env';
import { OdooStandinCore } from '../../support/odoo-standin/core';
import { createTwilioRestCore, type TwilioRestCore } from '../../support/twilio-rest/core';
import type { ApiKeyRecord, ApplicationRecord, PhoneNumberRecord } from '../../support/twilio-rest/resources';
import { TEST_SETTINGS } from '../settings';
import { callWorkerWith } from './worker';

export interface DeepHealthWorld {
  twilio: TwilioRestCore;
  odoo: OdooStandinCore;
  key: ApiKeyRecord;
  app: ApplicationRecord;
  number: PhoneNumberRecord;
  /** The worker's settings: TEST_SETTINGS with the stand-in Odoo's database and service account. */
  settings: Partial<Record<SettingName, string | undefined>>;
  /** Every string that must never be shown: secrets, the whole caller id, whole SIDs. */
  neverShown: string[];
  /** The worker's structured log lines so far. */
  logLines(): Record<string, unknown>[];
  /** Requests to a host that is neither Twilio nor the Odoo of the settings. */
  strayRequests: string[];
}

const created = new Date(Date.UTC(2025, 0, 1));
const ODOO_ORIGIN = new URL(TEST_SETTINGS.ODOO_URL).origin;
/** The team's number in this world (TEST_SETTINGS' own also appears in a setting's example text). */
export const CALLER_ID = '+33187654321';
/** The settings whose values are secrets: whatever a test sets them to must never be shown. */
const SECRET_SETTINGS = [
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_KEY_SECRET',
  'ODOO_API_KEY',
  'SESSION_SECRET',
] as const;

function buildWorld(): DeepHealthWorld {
  const url = (path: string) => `${TEST_SETTINGS.PUBLIC_URL}${path}`;
  const twilio = createTwilioRestCore([
    {
      sid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
      authToken: TEST_SETTINGS.TWILIO_AUTH_TOKEN,
      friendlyName: 'Acme',
      numbers: [{ phoneNumber: CALLER_ID }, { phoneNumber: '+33187654399' }],
    },
  ]);
  const account = twilio.accounts[0]!;
  const key: ApiKeyRecord = {
    sid: TEST_SETTINGS.TWILIO_API_KEY_SID,
    friendlyName: 'Odoo click-to-call (odoo-click-to-call)',
    secret: TEST_SETTINGS.TWILIO_API_KEY_SECRET,
    created,
  };
  const app: ApplicationRecord = {
    sid: TEST_SETTINGS.TWILIO_TWIML_APP_SID,
    friendlyName: key.friendlyName,
    voiceUrl: url('/twiml/outbound'),
    voiceMethod: 'POST',
    statusCallback: url('/webhooks/call-status'),
    statusCallbackMethod: 'POST',
    created,
    updated: created,
  };
  account.keys.push(key);
  account.applications.push(app);
  const number = account.numbers[0]!;
  Object.assign(number, { voiceUrl: url('/twiml/inbound'), statusCallback: url('/webhooks/call-status') });

  const odoo = new OdooStandinCore({ db: TEST_SETTINGS.ODOO_DB });
  const { login, apiKey } = odoo.credentials.service;
  const settings = { TWILIO_CALLER_ID: CALLER_ID, ODOO_LOGIN: login, ODOO_API_KEY: apiKey };
  const sids = [
    TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    TEST_SETTINGS.TWILIO_API_KEY_SID,
    TEST_SETTINGS.TWILIO_TWIML_APP_SID,
  ];
  return {
    twilio,
    odoo,
    key,
    app,
    number,
    settings,
    neverShown: [
      TEST_SETTINGS.TWILIO_AUTH_TOKEN,
      TEST_SETTINGS.TWILIO_API_KEY_SECRET,
      TEST_SETTINGS.SESSION_SECRET,
      TEST_SETTINGS.ODOO_API_KEY,
      apiKey,
      CALLER_ID,
      CALLER_ID.slice(1),
      ...sids,
    ],
    logLines: () => [],
    strayRequests: [],
  };
}

let current: DeepHealthWorld | undefined;
const originalFetch = globalThis.fetch;

/** Installs a fresh world around each test of the file; call the returned function to reach it. */
export function installDeepHealthWorld(): () => DeepHealthWorld {
  beforeEach(async () => {
    const world = buildWorld();
    const lines: string[] = [];
    for (const method of ['log', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((line: unknown) => {
        lines.push(String(line));
      });
    }
    world.logLines = () =>
      lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const { origin, hostname } = new URL(new Request(input, init).url);
      if (origin === ODOO_ORIGIN) return world.odoo.fetch(input, init);
      if (hostname.endsWith('.twilio.com')) return world.twilio.fetch(input, init);
      world.strayRequests.push(origin);
      throw new TypeError(`no network in tests: ${origin}`);
    };
    await env.DB.exec('DELETE FROM health_checks');
    current = world;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
    const world = current!;
    current = undefined;
    vi.restoreAllMocks();
    expect(world.strayRequests).toEqual([]);
    // Nothing the worker logged during the test may show a secret or a whole number.
    const logged = JSON.stringify(world.logLines());
    for (const secret of world.neverShown) expect(logged).not.toContain(secret);
  });
  return () => {
    if (!current) throw new Error('installDeepHealthWorld: no test is running');
    return current;
  };
}

export type HealthAnswer = HealthResponse & { status: number };

/**
 * `GET /health` (`?deep=1` when `deep`) with the world's settings plus `overrides`. Asserts
 * that the answer shows none of the world's secrets, then returns it.
 */
export async function askHealth(
  world: DeepHealthWorld,
  {
    deep = false,
    overrides = {},
  }: { deep?: boolean; overrides?: Partial<Record<SettingName, string | undefined>> } = {},
): Promise<HealthAnswer> {
  const response = await callWorkerWith(
    { ...world.settings, ...overrides },
    deep ? '/health?deep=1' : '/health',
  );
  const text = await response.text();
  for (const secret of world.neverShown) expect(text).not.toContain(secret);
  for (const name of SECRET_SETTINGS) {
    const value = overrides[name];
    if (value) expect(text).not.toContain(value);
  }
  return { status: response.status, ...(JSON.parse(text) as HealthResponse) };
}

/** The deep checks of an answer as `{ id: status }`, for a glance at all of them. */
export function statuses(answer: HealthResponse): Record<string, string> {
  return Object.fromEntries((answer.deep?.checks ?? []).map((check) => [check.id, check.status]));
}

/** The detail of one deep check. */
export function detailOf(answer: HealthResponse, id: string): string {
  const check = answer.deep?.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no deep check ${id} in ${JSON.stringify(answer)}`);
  return check.detail;
}

/** Moves the stored deep check back in time, as if `ms` had passed since it ran. */
export async function ageStoredChecks(ms: number): Promise<void> {
  await env.DB.prepare(
    'UPDATE health_checks SET refresh_started_at = refresh_started_at - ?1, checked_at = checked_at - ?1',
  )
    .bind(ms)
    .run();
}

/** Requests the worker made to Twilio and Odoo so far. */
export function outsideCalls(world: DeepHealthWorld): { twilio: number; odoo: number } {
  return { twilio: world.twilio.requests.length, odoo: world.odoo.calls.length };
}
