import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { PresenceResponse } from '../../shared/api';
import type { AppEnv } from '../app-env';
import { updatePresence } from '../db/agents';
import { ApiError } from '../http-error';
import { requireSettings } from '../middleware/require-settings';
import { requireSession } from '../middleware/session';
import { jsonBody } from '../validation';

/**
 * How long a presence report holds. The extension sends one on every change and a heartbeat about
 * every minute: three minutes without one means the browser is gone, and the agent is not rung.
 */
export const PRESENCE_TTL_MS = 3 * 60_000;

const presenceRequest = z.object({ status: z.enum(['available', 'dnd']), registered: z.boolean() });

/** `POST /presence` (Bearer) `{status, registered}`: whether inbound calls may ring this agent. */
export const presence = new Hono<AppEnv>().post(
  '/',
  requireSettings('SESSION_SECRET'),
  requireSession(),
  jsonBody(presenceRequest),
  async (c) => {
    const { status, registered } = c.req.valid('json');
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    if (!(await updatePresence(c.env.DB, c.var.agent.uid, { status, registered }, expiresAt))) {
      throw new ApiError(
        401,
        'unauthorized',
        'This agent is not known to the worker any more: sign in again.',
      );
    }
    const body: PresenceResponse = { status, registered, expiresAt: new Date(expiresAt).toISOString() };
    return c.json(body);
  },
);
