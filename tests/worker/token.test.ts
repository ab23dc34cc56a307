import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/api';
import { createSession } from '../../worker/session';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../worker/twilio/access-token';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import {
  callWorker,
  callWorkerWith,
  clearDatabase,
  expectApiError,
  jsonInit,
  rowsOf,
} from './support/worker';

installStrictFetch(); // /token must not call anything outside the worker
beforeEach(clearDatabase);

function postToken(headers: Record<string, string>, init: RequestInit = {}): Promise<Response> {
  return callWorker('/token', {
    method: 'POST',
    ...init,
    headers: { ...headers, ...(init.headers as object) },
  });
}

describe('POST /token', () => {
  it('gives a signed-in agent a Twilio access token for their identity, valid one hour', async () => {
    const agent = await seedAgent(7);
    const before = Math.floor(Date.now() / 1000);
    const res = await postToken(agent.authorization);
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenResponse;
    expect(body.identity).toBe('odoo_7');
    expect(body).not.toHaveProperty('signalingUrl');

    const { payload } = await jwtVerify(
      body.token,
      new TextEncoder().encode(TEST_SETTINGS.TWILIO_API_KEY_SECRET),
      {
        algorithms: ['HS256'],
        issuer: TEST_SETTINGS.TWILIO_API_KEY_SID,
        subject: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
      },
    );
    expect(decodeProtectedHeader(body.token)).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(payload.grants).toEqual({
      identity: 'odoo_7',
      voice: { incoming: { allow: true }, outgoing: { application_sid: TEST_SETTINGS.TWILIO_TWIML_APP_SID } },
    });
    expect(payload.jti).toBe(`${TEST_SETTINGS.TWILIO_API_KEY_SID}-${payload.iat}`);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe(payload.iat! + DEFAULT_TOKEN_TTL_SECONDS);
    expect(Date.parse(body.expiresAt)).toBe(payload.exp! * 1000);
  });

  it('records when the agent got a token and until when their Device can stay registered', async () => {
    const agent = await seedAgent(7);
    const body = (await (await postToken(agent.authorization)).json()) as TokenResponse;
    const [row] = await rowsOf<{ last_token_at: number; token_expires_at: number }>(
      'SELECT last_token_at, token_expires_at FROM agents WHERE uid = 7',
    );
    expect(row!.token_expires_at).toBe(Date.parse(body.expiresAt));
    expect(row!.last_token_at).toBeLessThanOrEqual(Date.now());
    expect(row!.token_expires_at - row!.last_token_at).toBeGreaterThan(
      (DEFAULT_TOKEN_TTL_SECONDS - 1) * 1000,
    );
  });

  it('hands out the local signaling endpoint when TWILIO_SIGNALING_URL is set', async () => {
    const agent = await seedAgent(7);
    const res = await callWorkerWith({ TWILIO_SIGNALING_URL: '127.0.0.1:8443' }, '/token', {
      method: 'POST',
      headers: agent.authorization,
    });
    expect(((await res.json()) as TokenResponse).signalingUrl).toBe('127.0.0.1:8443');
  });

  it('tells the extension which countries it may call, so it refuses the others before dialling', async () => {
    const agent = await seedAgent(7);
    const body = (await (await postToken(agent.authorization)).json()) as TokenResponse;
    expect(body.allowedCountries).toEqual(['FR', 'BE', 'US', 'GB']);
    const lower = await callWorkerWith({ DIAL_ALLOWED_COUNTRIES: ' be, fr ' }, '/token', {
      method: 'POST',
      headers: agent.authorization,
    });
    expect(((await lower.json()) as TokenResponse).allowedCountries).toEqual(['BE', 'FR']);
  });

  it('issues short tokens when TOKEN_TTL_SECONDS asks (tests), and ignores an invalid value', async () => {
    const agent = await seedAgent(7);
    for (const [value, ttl] of [
      ['60', 60],
      ['5', DEFAULT_TOKEN_TTL_SECONDS],
      ['one hour', DEFAULT_TOKEN_TTL_SECONDS],
    ] as const) {
      const res = await callWorkerWith({ TOKEN_TTL_SECONDS: value }, '/token', {
        method: 'POST',
        headers: agent.authorization,
      });
      const claims = decodeJwt(((await res.json()) as TokenResponse).token);
      expect(claims.exp! - claims.iat!, value).toBe(ttl);
    }
  });

  it('accepts an empty JSON object as body', async () => {
    const agent = await seedAgent(7);
    expect((await callWorker('/token', jsonInit({}, agent.authorization))).status).toBe(200);
  });

  describe('never issues a token without a valid session', () => {
    it.each([
      ['no Authorization header', {}],
      ['an empty bearer', { Authorization: 'Bearer ' }],
      ['a Basic header', { Authorization: 'Basic b2RvbzpvZG9v' }],
      ['garbage', { Authorization: 'Bearer not-a-jwt' }],
    ])('401 for %s', async (_, headers) => {
      await seedAgent(7);
      const res = await postToken(headers);
      await expectApiError(res, 401, 'unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    });

    it('401 for a session signed with another secret', async () => {
      await seedAgent(7);
      const { token } = await createSession(
        `${TEST_SETTINGS.SESSION_SECRET}!`,
        { uid: 7, login: 'x' },
        Math.floor(Date.now() / 1000),
      );
      await expectApiError(await postToken({ Authorization: `Bearer ${token}` }), 401, 'unauthorized');
    });

    it('401 for an expired session, saying so', async () => {
      await seedAgent(7);
      const thirteenHoursAgo = Math.floor(Date.now() / 1000) - 13 * 3600;
      const { token } = await createSession(
        TEST_SETTINGS.SESSION_SECRET,
        { uid: 7, login: 'x' },
        thirteenHoursAgo,
      );
      const error = await expectApiError(
        await postToken({ Authorization: `Bearer ${token}` }),
        401,
        'unauthorized',
      );
      expect(error.error.message).toMatch(/expired/);
    });

    it('401 for a session whose signature was tampered with, one character at a time', async () => {
      const agent = await seedAgent(7);
      const signatureStart = agent.session.lastIndexOf('.') + 1;
      // The last character included: changing only its unused bits is refused too.
      for (let i = signatureStart; i < agent.session.length; i += 1) {
        const replacement = agent.session[i] === 'A' ? 'B' : 'A';
        const forged = `${agent.session.slice(0, i)}${replacement}${agent.session.slice(i + 1)}`;
        await expectApiError(await postToken({ Authorization: `Bearer ${forged}` }), 401, 'unauthorized');
      }
    });

    it('401 for a session with a forged agent id (unsigned "none" algorithm)', async () => {
      await seedAgent(7);
      const encode = (value: object) =>
        btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      const now = Math.floor(Date.now() / 1000);
      const forged = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: '7', login: 'x', aud: 'odoo-click-to-call:session', iat: now, exp: now + 60 })}.`;
      await expectApiError(await postToken({ Authorization: `Bearer ${forged}` }), 401, 'unauthorized');
    });

    it('401 for a valid session of an agent the worker no longer knows', async () => {
      const agent = await seedAgent(7);
      await clearDatabase();
      const error = await expectApiError(await postToken(agent.authorization), 401, 'unauthorized');
      expect(error.error.message).toMatch(/sign in again/);
    });
  });

  it('answers 503 naming the Twilio settings it lacks, before looking at the session', async () => {
    const res = await callWorkerWith(
      { TWILIO_API_KEY_SECRET: undefined, TWILIO_TWIML_APP_SID: '' },
      '/token',
      {
        method: 'POST',
      },
    );
    const error = await expectApiError(res, 503, 'not_configured');
    expect(error.error.details).toEqual({ missing: ['TWILIO_API_KEY_SECRET', 'TWILIO_TWIML_APP_SID'] });
    expect(JSON.stringify(error)).not.toContain(TEST_SETTINGS.TWILIO_API_KEY_SID);
  });
});
