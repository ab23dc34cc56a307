import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { LoginResponse } from '../../shared/api';
import { identityOf } from '../agent-identity';
import type { AppEnv } from '../app-env';
import { upsertAgent } from '../db/agents';
import { clearLoginFailures, countLoginAttempt, uncountLoginAttempt } from '../db/login-failures';
import { ApiError } from '../http-error';
import { requireSettings } from '../middleware/require-settings';
import {
  createJsonRpcOdooClient,
  type OdooClient,
  OdooResponseError,
  OdooUnreachableError,
} from '../odoo/client';
import { type OdooUserProfile, readUserProfile } from '../odoo/users';
import { createSession } from '../session';
import { jsonBody } from '../validation';

const loginRequest = z.object({
  login: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)),
  // Passwords are sent to Odoo exactly as typed (no trimming).
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/**
 * The Odoo user behind these credentials, or null when Odoo refuses them. Odoo failing to
 * answer properly is a 502 that says what went wrong.
 */
async function signInWithOdoo(
  odoo: OdooClient,
  login: string,
  password: string,
): Promise<{ uid: number; profile: OdooUserProfile } | null> {
  try {
    const uid = await odoo.login(login, password);
    if (uid === null) return null;
    return { uid, profile: await readUserProfile(odoo, { uid, password }) };
  } catch (error) {
    if (error instanceof OdooUnreachableError) throw new ApiError(502, 'odoo_unreachable', error.message);
    if (error instanceof OdooResponseError) throw new ApiError(502, 'odoo_error', error.message);
    throw error;
  }
}

/**
 * `POST /auth/login` `{login, password}`: checks the login with Odoo (`common.login`; the password
 * may be an Odoo API key), reads the user's name, contact and language with the same
 * credentials, remembers the agent, and returns a session. The password is never stored.
 */
export const auth = new Hono<AppEnv>().post(
  '/login',
  requireSettings('ODOO_URL', 'ODOO_DB', 'SESSION_SECRET'),
  jsonBody(loginRequest),
  async (c) => {
    const { ODOO_URL, ODOO_DB, SESSION_SECRET } = c.var.settings;
    const { login, password } = c.req.valid('json');
    const now = Date.now();

    const attempt = await countLoginAttempt(c.env.DB, login, now);
    if (!attempt.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        'Too many failed sign-ins for this login. Wait and try again.',
        {
          headers: { 'Retry-After': String(attempt.retryAfterSeconds) },
          details: { retryAfterSeconds: attempt.retryAfterSeconds },
        },
      );
    }

    const odoo = createJsonRpcOdooClient({ url: ODOO_URL, db: ODOO_DB });
    const user = await signInWithOdoo(odoo, login, password).catch(async (error: unknown) => {
      // Odoo never judged the credentials: this attempt does not count against the person.
      await uncountLoginAttempt(c.env.DB, login);
      throw error;
    });
    if (!user) {
      throw new ApiError(401, 'unauthorized', 'Odoo did not accept this login and password (or API key).');
    }
    const { uid, profile } = user;

    await upsertAgent(c.env.DB, { uid, ...profile }, now);
    await clearLoginFailures(c.env.DB, login);
    const session = await createSession(
      SESSION_SECRET,
      { uid, login: profile.login },
      Math.floor(now / 1000),
    );
    const body: LoginResponse = {
      session: session.token,
      expiresAt: new Date(session.expiresAt * 1000).toISOString(),
      agent: { uid, name: profile.name, login: profile.login, identity: identityOf(uid) },
    };
    return c.json(body);
  },
);
