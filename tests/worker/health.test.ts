import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/api';
import { REQUIRED_SETTINGS } from '../../worker/env';
import { callWorker, callWorkerWith, expectApiError } from './support/worker';

async function healthWith(
  overrides: Parameters<typeof callWorkerWith>[0],
): Promise<HealthResponse & { status: number }> {
  const response = await callWorkerWith(overrides, '/health');
  return { status: response.status, ...((await response.json()) as HealthResponse) };
}

describe('GET /health', () => {
  it('answers ok when every required setting is present and valid and D1 is migrated', async () => {
    const res = await callWorker('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthResponse;
    expect(body).toEqual({ ok: true, missing: [], invalid: [] });
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await callWorker('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /nope.' },
    });
  });

  it.each(REQUIRED_SETTINGS)(
    'names %s when it is missing or blank, and never shows a value',
    async (name) => {
      for (const value of [undefined, '', '   ']) {
        const health = await healthWith({ [name]: value });
        expect(health).toEqual({ status: 503, ok: false, missing: [name], invalid: [] });
      }
    },
  );

  it('names every missing setting at once', async () => {
    const health = await healthWith({ SESSION_SECRET: undefined, ODOO_URL: undefined });
    expect(health.missing).toEqual(['ODOO_URL', 'SESSION_SECRET']);
  });

  it.each([
    ['TWILIO_ACCOUNT_SID', `SK${'0'.repeat(32)}`, /AC followed by 32 hex/],
    ['TWILIO_API_KEY_SID', `AC${'0'.repeat(32)}`, /SK followed by 32 hex/],
    ['TWILIO_TWIML_APP_SID', 'AP123', /AP followed by 32 hex/],
    ['TWILIO_CALLER_ID', '01 40 00 00 00', /E\.164/],
    ['PUBLIC_URL', 'calls.example.test', /not an http\(s\) URL/],
    ['PUBLIC_URL', 'http://calls.example.test', /https/],
    ['PUBLIC_URL', 'https://calls.example.test/worker', /without a path/],
    ['ODOO_URL', 'http://odoo.example.test', /https/],
    ['DIAL_ALLOWED_COUNTRIES', 'FR,XX,ZZ', /unknown ISO country codes: XX, ZZ/],
    ['EXTENSION_ORIGINS', 'https://evil.example', /chrome-extension/],
    ['SESSION_SECRET', 'short', /shorter than 32/],
    ['AGENT_GROUP', 'Sales / User', /not an Odoo group xml id.*nobody can sign in/],
    ['TWILIO_SIGNALING_URL', 'wss://127.0.0.1:8443/signal', /host:port/],
    ['TWILIO_SIGNALING_URL', '127.0.0.1:8443', /local development only/],
    ['TOKEN_TTL_SECONDS', '5', /whole number of seconds/],
    ['TOKEN_TTL_SECONDS', '60', /unset it in production/],
    ['WRAP_UP_WINDOW_SECONDS', '3 minutes', /whole number from 0 to 3600; 180 is used/],
    ['OWNER_RING_SECONDS', '2', /whole number from 5 to 120; 20 is used/],
    ['CALLER_LOOKUP_BUDGET_MS', '60000', /whole number from 100 to 10000; 1500 is used/],
    ['ODOO_RETRY_SECONDS', '-1', /whole number from 1 to 600; 10 is used/],
    ['COMPANY_LANGUAGE', 'de', /not en or fr; en is used/],
  ])('reports %s=%j as invalid, with a reason', async (name, value, reason) => {
    const health = await healthWith({ [name]: value });
    expect(health.status).toBe(503);
    expect(health.ok).toBe(false);
    expect(health.invalid).toHaveLength(1);
    expect(health.invalid[0]!.name).toBe(name);
    expect(health.invalid[0]!.reason).toMatch(reason);
  });

  it('never shows the value of a secret, even an unusable one', async () => {
    const health = await healthWith({ SESSION_SECRET: 'tiny-secret-value' });
    expect(health.invalid.map((problem) => problem.name)).toEqual(['SESSION_SECRET']);
    expect(JSON.stringify(health)).not.toContain('tiny-secret-value');
  });

  it('accepts local development values: http on loopback, the signaling emulator, a short TTL', async () => {
    const health = await healthWith({
      PUBLIC_URL: 'http://127.0.0.1:8787',
      ODOO_URL: 'http://localhost:8069',
      TWILIO_SIGNALING_URL: '127.0.0.1:8443',
      TOKEN_TTL_SECONDS: '60',
    });
    expect(health).toEqual({ status: 200, ok: true, missing: [], invalid: [] });
  });

  it('says when the D1 database is not migrated', async () => {
    await env.DB.exec('ALTER TABLE call_events RENAME TO call_events_moved');
    try {
      const health = await healthWith({});
      expect(health.invalid).toEqual([{ name: 'DB', reason: expect.stringMatching(/migrations apply/) }]);
    } finally {
      await env.DB.exec('ALTER TABLE call_events_moved RENAME TO call_events');
    }
  });

  it.each([
    [
      'a table',
      'ALTER TABLE caller_lookups RENAME TO caller_lookups_moved',
      'ALTER TABLE caller_lookups_moved RENAME TO caller_lookups',
    ],
    [
      'a column',
      'ALTER TABLE calls RENAME COLUMN caller_name TO caller_name_moved',
      'ALTER TABLE calls RENAME COLUMN caller_name_moved TO caller_name',
    ],
  ])('says so too when an upgrade’s migration was not applied (%s missing)', async (_, remove, restore) => {
    await env.DB.exec(remove);
    try {
      const health = await healthWith({});
      expect(health.invalid).toEqual([{ name: 'DB', reason: expect.stringMatching(/migrations apply/) }]);
    } finally {
      await env.DB.exec(restore);
    }
  });
});

describe('a database that was never migrated', () => {
  it('makes routes answer 503 saying how to fix it, not 500', async () => {
    await env.DB.exec('ALTER TABLE rate_limits RENAME TO rate_limits_moved');
    try {
      const response = await callWorker('/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'marie', password: 'x' }),
      });
      const error = await expectApiError(response, 503, 'not_configured');
      expect(error.error.message).toMatch(/migrations apply/);
    } finally {
      await env.DB.exec('ALTER TABLE rate_limits_moved RENAME TO rate_limits');
    }
  });
});
