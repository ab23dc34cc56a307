/**
 * Limits on sign-in attempts (issue 12). Every attempt is counted per login *and* client address
 * (5 in 15 minutes, then a lockout of 5 minutes that doubles with each one in a row, up to 4
 * hours) and per client address whatever the login (20 failures in 15 minutes: one password
 * sprayed over many logins; then 15 minutes, doubling up to a day). A lockout so falls on the address the
 * guesses come from, never on the agent signing in from their own: nobody can lock an agent out
 * from elsewhere. A success forgets its login-and-client count.
 */
import { forget, hit, type LimitDecision, type LimitRule, lockedUntil, uncount } from '../db/rate-limits';

const MINUTE = 60_000;

export const PER_LOGIN_AND_CLIENT: LimitRule = {
  limit: 5,
  windowMs: 15 * MINUTE,
  blockMs: 5 * MINUTE,
  maxBlockMs: 4 * 60 * MINUTE,
};

export const PER_CLIENT: LimitRule = {
  limit: 20,
  windowMs: 15 * MINUTE,
  blockMs: 15 * MINUTE,
  maxBlockMs: 24 * 60 * MINUTE,
};

/** Logins are compared the way a person types them: case and surrounding spaces do not matter. */
export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}

/**
 * Where a request comes from: Cloudflare's `CF-Connecting-IP` (set by Cloudflare, whatever the
 * client sends). Without it (a request that did not come through Cloudflare's edge, e.g. a
 * test), every such request shares one address.
 */
export function clientAddress(header: string | undefined): string {
  const address = header?.trim();
  return address && address.length <= 64 ? address : 'unknown';
}

function keysOf(login: string, client: string): { pair: string; client: string } {
  return { pair: `sign-in:${loginKey(login)}|${client}`, client: `sign-in-client:${client}` };
}

/**
 * Counts an attempt against both limits; refused if either is over. An attempt while locked out
 * counts nowhere: waiting the lockout out is all it takes.
 */
export async function countSignInAttempt(
  db: D1Database,
  login: string,
  client: string,
  now: number,
): Promise<LimitDecision> {
  const keys = keysOf(login, client);
  const locked = await lockedUntil(db, [keys.pair, keys.client], now);
  if (!locked.allowed) return locked;
  const [byPair, byClient] = await Promise.all([
    hit(db, keys.pair, PER_LOGIN_AND_CLIENT, now),
    hit(db, keys.client, PER_CLIENT, now),
  ]);
  return byPair.allowed ? byClient : byPair;
}

/** Takes back an attempt Odoo never judged (unreachable, its cooldown): not the person's fault. */
export function uncountSignInAttempt(db: D1Database, login: string, client: string): Promise<void> {
  const keys = keysOf(login, client);
  return uncount(db, [keys.client, keys.pair]);
}

/**
 * A successful sign-in forgets the failures of this login from this client, and is not held
 * against the client's address (an office behind one address signs everyone in each morning).
 */
export async function clearSignInFailures(db: D1Database, login: string, client: string): Promise<void> {
  const keys = keysOf(login, client);
  await Promise.all([forget(db, keys.pair), uncount(db, [keys.client])]);
}
