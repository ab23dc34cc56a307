import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signHs256, verifyHs256 } from '../../worker/jwt';
import { createSession, SESSION_TTL_SECONDS, verifySession } from '../../worker/session';

const SECRET = 'a-secret-long-enough-for-hs256-tests';
const key = new TextEncoder().encode(SECRET);

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('HS256 tokens (jose as the oracle)', () => {
  it('sign what jose verifies, and verify what jose signs', async () => {
    const ours = await signHs256({ alg: 'HS256', typ: 'JWT' }, { sub: '7', n: 1, s: 'é😀' }, SECRET);
    expect((await jwtVerify(ours, key)).payload).toEqual({ sub: '7', n: 1, s: 'é😀' });
    const theirs = await new SignJWT({ sub: '7', nested: { a: [1, 2] } })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    expect(await verifyHs256(theirs, SECRET)).toEqual({
      header: { alg: 'HS256' },
      claims: { sub: '7', nested: { a: [1, 2] } },
    });
  });

  it('refuse another secret, and any other algorithm the header names', async () => {
    const token = await signHs256({ alg: 'HS256' }, { sub: '7' }, SECRET);
    expect(await verifyHs256(token, `${SECRET}x`)).toBeNull();
    const [, claims, signature] = token.split('.');
    for (const alg of ['none', 'HS512', 'RS256', 'hs256', '']) {
      expect(await verifyHs256(`${encode({ alg })}.${claims}.${signature}`, SECRET)).toBeNull();
    }
    expect(await verifyHs256(`${encode({ alg: 'none' })}.${claims}.`, SECRET)).toBeNull();
    const hs512 = await new SignJWT({ sub: '7' }).setProtectedHeader({ alg: 'HS512' }).sign(key);
    expect(await verifyHs256(hs512, SECRET)).toBeNull();
  });

  it('refuse changed claims, and every single-character change anywhere', async () => {
    const token = await signHs256({ alg: 'HS256' }, { sub: '7', admin: false }, SECRET);
    const [header, , signature] = token.split('.');
    expect(
      await verifyHs256(`${header}.${encode({ sub: '7', admin: true })}.${signature}`, SECRET),
    ).toBeNull();
    for (let i = 0; i < token.length; i += 1) {
      if (token[i] === '.') continue;
      const forged = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(await verifyHs256(forged, SECRET), `position ${i}`).toBeNull();
    }
  });

  it('refuse what is not a compact JWT', async () => {
    const token = await signHs256({ alg: 'HS256' }, { sub: '7' }, SECRET);
    for (const bad of ['', 'a.b', `${token}.x`, `${token}=`, token.replace(/-/g, '+'), 'a.b.c', `..`]) {
      expect(await verifyHs256(bad, SECRET), bad).toBeNull();
    }
    const arrayClaims = await signHs256(
      { alg: 'HS256' },
      [1, 2] as unknown as Record<string, unknown>,
      SECRET,
    );
    expect(await verifyHs256(arrayClaims, SECRET)).toBeNull();
  });
});

describe('agent sessions', () => {
  const issuedAt = 1_767_225_600;

  it('name the agent until they expire, 12 hours after issue', async () => {
    const { token, expiresAt } = await createSession(SECRET, { uid: 7, login: 'marie' }, issuedAt);
    expect(expiresAt).toBe(issuedAt + SESSION_TTL_SECONDS);
    expect(await verifySession(SECRET, token, (expiresAt - 1) * 1000)).toEqual({
      ok: true,
      agent: { uid: 7, login: 'marie' },
      sessionId: expect.any(String),
    });
    expect(await verifySession(SECRET, token, expiresAt * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are not Twilio tokens or other JWTs signed with the same secret', async () => {
    const now = (issuedAt + 10) * 1000;
    const claims = { sub: '7', login: 'marie', iat: issuedAt, exp: issuedAt + 60 };
    for (const token of [
      await signHs256({ alg: 'HS256' }, claims, SECRET),
      await signHs256({ alg: 'HS256' }, { ...claims, aud: 'twilio' }, SECRET),
      await signHs256(
        { alg: 'HS256' },
        { ...claims, aud: 'odoo-click-to-call:session', sub: 'odoo_7' },
        SECRET,
      ),
      await signHs256({ alg: 'HS256' }, { ...claims, aud: 'odoo-click-to-call:session', sub: '0' }, SECRET),
      await signHs256(
        { alg: 'HS256' },
        { ...claims, aud: 'odoo-click-to-call:session', exp: '9999999999' },
        SECRET,
      ),
    ]) {
      expect(await verifySession(SECRET, token, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
