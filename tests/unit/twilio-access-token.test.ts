import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import twilio from 'twilio';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createVoiceToken,
  DEFAULT_TOKEN_TTL_SECONDS,
  parseTokenTtl,
  TOKEN_TTL_BOUNDS,
} from '../../worker/twilio/access-token';

const { AccessToken } = twilio.jwt;

const input = {
  accountSid: `AC${'0'.repeat(32)}`,
  apiKeySid: `SK${'0'.repeat(32)}`,
  apiKeySecret: 'test-api-key-secret',
  twimlAppSid: `AP${'0'.repeat(32)}`,
  identity: 'odoo_7',
  ttlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
  issuedAt: 1_767_225_600, // 2026-01-01T00:00:00Z
};

/** The token Twilio's own library makes for the same inputs, at the same instant. */
function oracleToken(fields: typeof input): string {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(fields.issuedAt * 1000);
  const token = new AccessToken(fields.accountSid, fields.apiKeySid, fields.apiKeySecret, {
    identity: fields.identity,
    ttl: fields.ttlSeconds,
  });
  token.addGrant(
    new AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: fields.twimlAppSid }),
  );
  return token.toJwt();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Twilio access tokens', () => {
  it('are byte for byte what the twilio package makes for the same inputs', async () => {
    for (const fields of [
      input,
      { ...input, identity: 'odoo_123456', ttlSeconds: 60 },
      { ...input, issuedAt: input.issuedAt + 12_345, ttlSeconds: 86_400 },
    ]) {
      const ours = await createVoiceToken(fields);
      expect(ours.token).toBe(oracleToken(fields));
      expect(ours.expiresAt).toBe(fields.issuedAt + fields.ttlSeconds);
    }
  });

  it('carry the header, claims and voice grant the Voice SDK and Twilio expect', async () => {
    const { token } = await createVoiceToken(input);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(decodeJwt(token)).toEqual({
      jti: `${input.apiKeySid}-${input.issuedAt}`,
      grants: {
        identity: 'odoo_7',
        voice: { incoming: { allow: true }, outgoing: { application_sid: input.twimlAppSid } },
      },
      iat: input.issuedAt,
      exp: input.issuedAt + 3600,
      iss: input.apiKeySid,
      sub: input.accountSid,
    });
  });

  it('verify with the API key secret and with nothing else', async () => {
    const { token } = await createVoiceToken(input);
    const currentDate = new Date((input.issuedAt + 10) * 1000);
    const key = new TextEncoder().encode(input.apiKeySecret);
    await expect(jwtVerify(token, key, { algorithms: ['HS256'], currentDate })).resolves.toBeDefined();
    const wrongKey = new TextEncoder().encode(`${input.apiKeySecret}x`);
    await expect(jwtVerify(token, wrongKey, { algorithms: ['HS256'], currentDate })).rejects.toThrow();
  });

  it('refuse identities the Voice SDK would refuse', async () => {
    for (const identity of ['', 'odoo 7', 'odoo-7', 'a'.repeat(122), 'odoo_7"']) {
      await expect(createVoiceToken({ ...input, identity })).rejects.toThrow(/identity/);
    }
  });

  it('take a TTL override only as whole seconds within bounds', () => {
    expect(parseTokenTtl(undefined)).toBeNull();
    expect(parseTokenTtl('60')).toBe(60);
    expect(parseTokenTtl(' 600 ')).toBe(600);
    expect(parseTokenTtl(String(TOKEN_TTL_BOUNDS.min))).toBe(TOKEN_TTL_BOUNDS.min);
    expect(parseTokenTtl(String(TOKEN_TTL_BOUNDS.max))).toBe(TOKEN_TTL_BOUNDS.max);
    for (const bad of [
      '',
      '0',
      String(TOKEN_TTL_BOUNDS.min - 1),
      String(TOKEN_TTL_BOUNDS.max + 1),
      '1e3',
      '60.5',
      '-60',
      'abc',
    ]) {
      expect(parseTokenTtl(bad)).toBeNull();
    }
  });
});
