/**
 * Agent sessions: an HS256 JWT signed with `SESSION_SECRET`. It names the agent and nothing else
 * (never the Odoo password or API key); the agent's row in D1 holds the rest. Stateless on
 * purpose: any worker instance can check it without a database read.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

/** A working day: agents sign in once in the morning. */
export const SESSION_TTL_SECONDS = 12 * 3600;

/** Keeps a session from being accepted where another token signed with the same secret is expected. */
const AUDIENCE = 'odoo-click-to-call:session';

export interface SessionAgent {
  uid: number;
  login: string;
}

export interface Session {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export async function createSession(secret: string, agent: SessionAgent, issuedAt: number): Promise<Session> {
  const expiresAt = issuedAt + SESSION_TTL_SECONDS;
  const token = await new SignJWT({ login: agent.login })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(agent.uid))
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(secret));
  return { token, expiresAt };
}

export type SessionCheck = { ok: true; agent: SessionAgent } | { ok: false; reason: 'expired' | 'invalid' };

/** Checks signature, algorithm, audience and expiry; `currentDate` lets tests travel in time. */
export async function verifySession(
  secret: string,
  token: string,
  currentDate?: Date,
): Promise<SessionCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
      ...(currentDate ? { currentDate } : {}),
    });
    const uid = Number(payload.sub);
    if (!Number.isSafeInteger(uid) || uid <= 0 || typeof payload.login !== 'string') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, agent: { uid, login: payload.login } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
