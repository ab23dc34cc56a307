import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { TokenResponse } from '../../shared/api';
import { identityOf } from '../agent-identity';
import { recheckAgent } from '../agents/recheck';
import type { AppEnv } from '../app-env';
import { findAgent, recordTokenIssued } from '../db/agents';
import { listSetting } from '../env';
import { ApiError } from '../http-error';
import { requireSettings } from '../middleware/require-settings';
import { requireSession } from '../middleware/session';
import { agentGroup, standingMessage } from '../odoo/agent-standing';
import { createVoiceToken, DEFAULT_TOKEN_TTL_SECONDS, parseTokenTtl } from '../twilio/access-token';
import { jsonBody } from '../validation';

const UNKNOWN_AGENT = 'This agent is not known to the worker any more: sign in again.';

/**
 * `POST /token` (Bearer session): a Twilio Voice access token for the signed-in agent. The body
 * is optional and carries nothing yet (`{}`); anything else in it is ignored. The agent is
 * checked in Odoo again first, at most every few minutes (agents/recheck.ts): one Odoo no longer
 * allows gets 403, and their sessions end.
 */
export const token = new Hono<AppEnv>().post(
  '/',
  requireSettings(
    'SESSION_SECRET',
    'TWILIO_ACCOUNT_SID',
    'TWILIO_API_KEY_SID',
    'TWILIO_API_KEY_SECRET',
    'TWILIO_TWIML_APP_SID',
  ),
  requireSession(),
  jsonBody(z.object({}), { optional: true }),
  async (c) => {
    const settings = c.var.settings;
    const { uid } = c.var.agent;
    const now = Date.now();
    const issuedAt = Math.floor(now / 1000);
    // An invalid override is reported by /health and ignored here: calls keep working.
    const ttlSeconds = parseTokenTtl(c.env.TOKEN_TTL_SECONDS) ?? DEFAULT_TOKEN_TTL_SECONDS;
    const agent = await findAgent(c.env.DB, uid);
    if (!agent) throw new ApiError(401, 'unauthorized', UNKNOWN_AGENT);
    const standing = await recheckAgent(c.env, agent, now);
    if (standing !== null && standing !== 'ok') {
      throw new ApiError(403, 'forbidden', standingMessage(standing, agentGroup(c.env)), {
        details: { standing },
      });
    }
    const identity = identityOf(uid);
    const voiceToken = await createVoiceToken({
      accountSid: settings.TWILIO_ACCOUNT_SID,
      apiKeySid: settings.TWILIO_API_KEY_SID,
      apiKeySecret: settings.TWILIO_API_KEY_SECRET,
      twimlAppSid: settings.TWILIO_TWIML_APP_SID,
      identity,
      ttlSeconds,
      issuedAt,
    });
    if (!(await recordTokenIssued(c.env.DB, uid, now, voiceToken.expiresAt * 1000))) {
      throw new ApiError(401, 'unauthorized', UNKNOWN_AGENT);
    }
    const signalingUrl = c.env.TWILIO_SIGNALING_URL?.trim();
    const allowedCountries = listSetting(c.env.DIAL_ALLOWED_COUNTRIES).map((code) => code.toUpperCase());
    const body: TokenResponse = {
      token: voiceToken.token,
      identity,
      expiresAt: new Date(voiceToken.expiresAt * 1000).toISOString(),
      ...(signalingUrl ? { signalingUrl } : {}),
      ...(allowedCountries.length > 0 ? { allowedCountries } : {}),
    };
    return c.json(body);
  },
);
