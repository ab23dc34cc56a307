import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../../support/twilio-emulator/access-token.ts';
import { accessToken, TEST_ACCOUNT } from '../../support/twilio-emulator/test-credentials.ts';

const KEYS = {
  accountSid: TEST_ACCOUNT.accountSid,
  apiKeySid: TEST_ACCOUNT.apiKeySid,
  apiKeySecret: TEST_ACCOUNT.apiKeySecret,
};

function handMadeToken(header: Record<string, string>, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', ...header })
    .setIssuer(TEST_ACCOUNT.apiKeySid)
    .setSubject(TEST_ACCOUNT.accountSid)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_ACCOUNT.apiKeySecret));
}

describe('verifyAccessToken', () => {
  it('accepts a token made by the twilio package and reads its identity and grants', async () => {
    const result = await verifyAccessToken(accessToken('odoo_7'), KEYS);
    expect(result).toMatchObject({
      ok: true,
      identity: 'odoo_7',
      outgoingApplicationSid: TEST_ACCOUNT.appSid,
      incomingAllowed: true,
    });
    expect(result.ok && result.expiresAt - Date.now() / 1000).toBeGreaterThan(3500);
  });

  it('refuses an expired token with 31205', async () => {
    expect(await verifyAccessToken(accessToken('odoo_7', { ttlSeconds: -5 }), KEYS)).toMatchObject({
      ok: false,
      code: 31205,
    });
  });

  it.each([
    ['a wrong secret', () => accessToken('odoo_7', { secret: 'wrong' })],
    ['garbage', () => 'not.a.jwt'],
    ['nothing', () => ''],
    ['no cty header', () => handMadeToken({ typ: 'JWT' }, { grants: { identity: 'a', voice: {} } })],
    [
      'an identity with spaces',
      () => handMadeToken({ cty: 'twilio-fpa;v=1' }, { grants: { identity: 'odoo 7', voice: {} } }),
    ],
    ['no voice grant', () => handMadeToken({ cty: 'twilio-fpa;v=1' }, { grants: { identity: 'odoo_7' } })],
  ])('refuses %s with 31204', async (_, makeToken) => {
    expect(await verifyAccessToken(await makeToken(), KEYS)).toMatchObject({ ok: false, code: 31204 });
  });

  it('refuses a token for another account or API key with 31204', async () => {
    const token = accessToken('odoo_7');
    expect(await verifyAccessToken(token, { ...KEYS, accountSid: `AC${'1'.repeat(32)}` })).toMatchObject({
      code: 31204,
    });
    expect(await verifyAccessToken(token, { ...KEYS, apiKeySid: `SK${'1'.repeat(32)}` })).toMatchObject({
      code: 31204,
    });
  });
});
