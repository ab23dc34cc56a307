import { createMiddleware } from 'hono/factory';
import { type Env, readSettings } from '../env';
import { ApiError } from '../http-error';
import type { LogFields } from '../log';
import { type SessionAgent, verifySession } from '../session';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="odoo-click-to-call"' };

/** Agent routes: a valid `Authorization: Bearer <session>` or 401; the agent is `c.var.agent`. */
export function requireSession() {
  return createMiddleware<{ Bindings: Env; Variables: { agent: SessionAgent; logFields: LogFields } }>(
    async function requireSession(c, next) {
      const { SESSION_SECRET } = readSettings(c.env, ['SESSION_SECRET']);
      const match = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '');
      if (!match) {
        throw new ApiError(401, 'unauthorized', 'Sign in first: this route needs a session.', {
          headers: CHALLENGE,
        });
      }
      const check = await verifySession(SESSION_SECRET, match[1]!);
      if (!check.ok) {
        const message =
          check.reason === 'expired'
            ? 'Your session has expired: sign in again.'
            : 'This session is not valid: sign in again.';
        throw new ApiError(401, 'unauthorized', message, { headers: CHALLENGE });
      }
      c.set('agent', check.agent);
      const logFields = c.get('logFields');
      if (logFields) logFields.agentUid = check.agent.uid;
      await next();
    },
  );
}
