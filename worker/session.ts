/**
 * Agent sessions: an HS256 JWT signed with `SESSION_SECRET`. It names the agent and nothing else
 * (never the Odoo password or API key); the agent's row in D1 holds the rest. Stateless on
 * purpose: any worker instance can check it without a database read.
 */
import { signHs256, verifyHs256 } from './jwt';

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

export async function createSession(secret: string, agent: SessionAgent, issuedAt: number): Promise<Session> {
  const expiresAt = issuedAt + SESSION_TTL_SECONDS;
  const token = await signHs256(
    { alg: 'HS256', typ: 'JWT' },
    { sub: String(agent.uid), login: agent.login, aud: AUDIENCE, iat: issuedAt, exp: expiresAt },
    secret,
  );
  return { token, expiresAt };
}

export type SessionCheck = { ok: true; agent: SessionAgent } | { ok: false; reason: 'expired' | 'invalid' };

/** Checks signature, audience, claims and expiry; `now` (ms) lets tests travel in time. */
export async function verifySession(
  secret: string,
  token: string,
  now: number = Date.now(),
): Promise<SessionCheck> {
  const verified = await verifyHs256(token, secret);
  if (!verified) return { ok: false, reason: 'invalid' };
  const { sub, login, aud, iat, exp } = verified.claims;
  const uid = typeof sub === 'string' && /^[1-9]\d{0,9}$/.test(sub) ? Number(sub) : Number.NaN;
  if (
    aud !== AUDIENCE ||
    !Number.isSafeInteger(uid) ||
    typeof login !== 'string' ||
    typeof iat !== 'number' ||
    typeof exp !== 'number'
  ) {
    return { ok: false, reason: 'invalid' };
  }
  if (Math.floor(now / 1000) >= exp) return { ok: false, reason: 'expired' };
  return { ok: true, agent: { uid, login } };
}
