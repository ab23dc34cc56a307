import { Hono } from 'hono/tiny';
import type { AppEnv } from '../app-env';
import { recordStatusCallback } from '../db/calls';
import { requireSettings } from '../middleware/require-settings';
import { twilioSignature } from '../middleware/twilio-signature';
import { statusCallback } from '../twilio/params';
import { parseOrThrow } from '../validation';

const optionalNumber = (value: string | undefined): number | null =>
  value === undefined ? null : Number(value);

/** Twilio's `Timestamp`, else the time it reached us. */
function occurredAt(timestamp: string | undefined, receivedAt: number): number {
  const parsed = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isFinite(parsed) ? parsed : receivedAt;
}

/**
 * `POST /webhooks/call-status`: Twilio's call progress callbacks, for both legs of every call.
 * Answers 204 whatever the callback changed: a retry or a callback for a call the worker did not
 * start is not an error Twilio could do anything about.
 */
export const webhooks = new Hono<AppEnv>().post(
  '/call-status',
  requireSettings('TWILIO_AUTH_TOKEN', 'PUBLIC_URL'),
  twilioSignature(),
  async (c) => {
    const params = parseOrThrow(statusCallback, c.var.twilioParams, 'Twilio parameters');
    const now = Date.now();
    await recordStatusCallback(
      c.env.DB,
      {
        callSid: params.CallSid,
        parentSid: params.ParentCallSid ?? params.CallSid,
        status: params.CallStatus,
        sequenceNumber: optionalNumber(params.SequenceNumber),
        occurredAt: occurredAt(params.Timestamp, now),
        durationSeconds: optionalNumber(params.CallDuration),
        to: params.To ?? null,
      },
      now,
    );
    return c.body(null, 204);
  },
);
