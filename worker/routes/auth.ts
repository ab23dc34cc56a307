import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { LoginResponse } from '../../shared/api';
import { identityOf } from '../agent-identity';
import { signInWithOdoo } from '../agents/sign-in';
import {
  clearSignInFailures,
  clientAddress,
  countSignInAttempt,
  uncountSignInAttempt,
} from '../agents/sign-in-limits';
import type { AppEnv } from '../app-env';
import { recordStanding, upsertAgent } from '../db/agents';
import { deleteSession, insertSession } from '../db/sessions';
import { ApiError } from '../http-error';
import { requireSettings } from '../middleware/require-settings';
import { requireSession } from '../middleware/session';
import { agentGroup, standingMessage } from '../odoo/agent-standing';
import { OdooResponseError, OdooUnreachableError } from '../odoo/client';
import { ServiceLoginError } from '../odoo/service-account';
import { sealCredential } from '../sealed-credential';
import { createSession, newSessionId } from '../session';
import { jsonBody } from '../validation';

const loginRequest = z.object({
  login: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)),
  // Passwords are sent to Odoo exactly as typed (no trimming).
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/** Odoo failing to answer is a 502 that says what went wrong; the attempt was never judged. */
function odooFailure(error: unknown): never {
  if (error instanceof OdooUnreachableError) throw new ApiError(502, 'odoo_unreachable', error.message);
  if (error instanceof ServiceLoginError) throw new ApiError(502, 'odoo_error', error.message);
  if (error instanceof OdooResponseError) throw new ApiError(502, 'odoo_error', error.message);
  throw error;
}

/**
 * `POST /auth/login` `{login, password}`: signs an agent in (agents/sign-in.ts: the login looked
 * up, the password checked by Odoo, the user an active internal user in AGENT_GROUP), remembers
 * the agent, and returns a session. The password (or API key) is kept only sealed, with the
 * session (sealed-credential.ts), to check records as the agent; it ends with the session.
 *
 * `POST /auth/logout` (Bearer): ends this session at once, everywhere (its row is gone).
 */
export const auth = new Hono<AppEnv>()
  .post(
    '/login',
    requireSettings('ODOO_URL', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_API_KEY', 'SESSION_SECRET'),
    jsonBody(loginRequest),
    async (c) => {
      const { SESSION_SECRET } = c.var.settings;
      const { login, password } = c.req.valid('json');
      const client = clientAddress(c.req.header('CF-Connecting-IP'));
      const now = Date.now();

      const attempt = await countSignInAttempt(c.env.DB, login, client, now);
      if (!attempt.allowed) {
        throw new ApiError(429, 'rate_limited', 'Too many failed sign-ins from here. Wait and try again.', {
          headers: { 'Retry-After': String(attempt.retryAfterSeconds) },
          details: { retryAfterSeconds: attempt.retryAfterSeconds },
        });
      }
      const outcome = await signInWithOdoo(c.env, login, password, now).catch(async (error: unknown) => {
        await uncountSignInAttempt(c.env.DB, login, client);
        return odooFailure(error);
      });
      switch (outcome.kind) {
        case 'refused':
          throw new ApiError(
            401,
            'unauthorized',
            'Odoo did not accept this login and password (or API key).',
          );
        case 'cooldown':
          await uncountSignInAttempt(c.env.DB, login, client);
          throw new ApiError(
            503,
            'odoo_unreachable',
            'Odoo refuses sign-ins from the worker for about a minute (too many failed sign-ins): try again then.',
            { headers: { 'Retry-After': '60' } },
          );
        case 'not_allowed':
          // The password was right: this is not a guess to hold against the address.
          await clearSignInFailures(c.env.DB, login, client);
          throw new ApiError(403, 'forbidden', standingMessage(outcome.standing, agentGroup(c.env)), {
            details: { standing: outcome.standing },
          });
        case 'signed_in':
          break;
      }
      const { uid, profile } = outcome;

      await upsertAgent(c.env.DB, { uid, ...profile }, now);
      await recordStanding(c.env.DB, uid, 'ok', now);
      await clearSignInFailures(c.env.DB, login, client);
      const sessionId = newSessionId();
      const session = await createSession(
        SESSION_SECRET,
        { uid, login: profile.login },
        Math.floor(now / 1000),
        sessionId,
      );
      await insertSession(c.env.DB, {
        id: sessionId,
        uid,
        createdAt: now,
        expiresAt: session.expiresAt * 1000,
        sealedCredential: await sealCredential(SESSION_SECRET, { uid, sessionId }, password),
      });
      const body: LoginResponse = {
        session: session.token,
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
        agent: { uid, name: profile.name, login: profile.login, identity: identityOf(uid) },
      };
      return c.json(body);
    },
  )
  .post('/logout', requireSettings('SESSION_SECRET'), requireSession(), async (c) => {
    await deleteSession(c.env.DB, c.var.sessionId, c.var.agent.uid);
    return c.body(null, 204);
  });
