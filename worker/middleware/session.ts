import { createMiddleware } from 'hono/factory';
import { isSessionLive } from '../db/sessions';
import { type Env, readSettings } from '../env';
import { ApiError } from '../http-error';
import type { LogFields } from '../log';
import { type SessionAgent, verifySession } from '../session';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="odoo-click-to-call"' };

/**
 * Agent routes: a valid `Authorization: Bearer <session>` whose session still exists in D1
 * (not signed out, not revoked), or 401; the agent is `c.var.agent`, the session `c.var.sessionId`.
 */
export function requireSession() {
  return createMiddleware<{
    Bindings: Env;
    Variables: { agent: SessionAgent; sessionId: string; logFields: LogFields };
  }>(async function requireSession(c, next) {
    const { SESSION_SECRET } = readSettings(c.env, ['SESSION_SECRET']);
    const match = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '');
    if (!match) {
      throw new ApiError(401, 'unauthorized', 'Sign in first: this route needs a session.', {
        headers: CHALLENGE,
      });
    }
    const now = Date.now();
    const check = await verifySession(SESSION_SECRET, match[1]!, now);
    if (!check.ok) {
      const message =
        check.reason === 'expired'
          ? 'Your session has expired: sign in again.'
          : 'This session is not valid: sign in again.';
      throw new ApiError(401, 'unauthorized', message, { headers: CHALLENGE });
    }
    if (!(await isSessionLive(c.env.DB, check.sessionId, check.agent.uid, now))) {
      throw new ApiError(401, 'unauthorized', 'This session was ended: sign in again.', {
        headers: CHALLENGE,
      });
    }
    c.set('agent', check.agent);
    c.set('sessionId', check.sessionId);
    const logFields = c.get('logFields');
    if (logFields) logFields.agentUid = check.agent.uid;
    await next();
  });
}
