/**
 * Agent sessions: an HS256 JWT signed with `SESSION_SECRET`, naming the agent and the session's
 * row in D1 (`jti`, see db/sessions.ts). The token alone is not enough: the row must still exist,
 * which is what lets a sign-out (or an agent Odoo no longer allows) end the session at once on
 * every worker instance. The token never carries the Odoo password or API key.
 */
import { signHs256, verifyHs256 } from './jwt';

/** A working day: agents sign in once in the morning. */
export const SESSION_TTL_SECONDS = 12 * 3600;

/** Keeps a session from being accepted where another token signed with the same secret is expected. */
const AUDIENCE = 'odoo-click-to-call:session';

/** 128 random bits, base64url: the session's id in its token and in D1. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export interface SessionAgent {
  uid: number;
  login: string;
}

export interface Session {
  /** The session's id (`jti`), its row's key in D1. */
  id: string;
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function createSession(
  secret: string,
  agent: SessionAgent,
  issuedAt: number,
  id: string = newSessionId(),
): Promise<Session> {
  const expiresAt = issuedAt + SESSION_TTL_SECONDS;
  const token = await signHs256(
    { alg: 'HS256', typ: 'JWT' },
    { sub: String(agent.uid), login: agent.login, jti: id, aud: AUDIENCE, iat: issuedAt, exp: expiresAt },
    secret,
  );
  return { id, token, expiresAt };
}

export type SessionCheck =
  | { ok: true; agent: SessionAgent; sessionId: string }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Checks signature, audience, claims and expiry; `now` (ms) lets tests travel in time. Whether
 * the session was ended since is D1's to say (middleware/session.ts).
 */
export async function verifySession(
  secret: string,
  token: string,
  now: number = Date.now(),
): Promise<SessionCheck> {
  const verified = await verifyHs256(token, secret);
  if (!verified) return { ok: false, reason: 'invalid' };
  const { sub, login, jti, aud, iat, exp } = verified.claims;
  const uid = typeof sub === 'string' && /^[1-9]\d{0,9}$/.test(sub) ? Number(sub) : Number.NaN;
  if (
    aud !== AUDIENCE ||
    !Number.isSafeInteger(uid) ||
    typeof login !== 'string' ||
    typeof jti !== 'string' ||
    !SESSION_ID.test(jti) ||
    typeof iat !== 'number' ||
    typeof exp !== 'number'
  ) {
    return { ok: false, reason: 'invalid' };
  }
  if (Math.floor(now / 1000) >= exp) return { ok: false, reason: 'expired' };
  return { ok: true, agent: { uid, login }, sessionId: jti };
}
