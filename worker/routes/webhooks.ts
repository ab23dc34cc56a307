import { Hono } from 'hono/tiny';
import type { AppEnv } from '../app-env';
import { inBackground } from '../background';
import { callSetting } from '../call-settings';
import { chooseRecordEarly } from '../calls/choose-record';
import { isTerminal } from '../calls/projection';
import { bringForward, scheduleEndedCall } from '../db/call-log';
import { recordStatusCallback } from '../db/calls';
import { insertRecording } from '../db/recordings';
import { requireSettings } from '../middleware/require-settings';
import { twilioSignature } from '../middleware/twilio-signature';
import { enqueueCalls } from '../sync/queue';
import { recordingCallback, statusCallback } from '../twilio/params';
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
 * start is not an error Twilio could do anything about. When the call is over, its Odoo note is
 * queued for the end of the wrap-up window.
 *
 * `POST /webhooks/recording`: a recording is ready (a voicemail, or a recorded call); it goes
 * into the call's note, or follows it on the same record if the note is already written.
 */
export const webhooks = new Hono<AppEnv>()
  .use(requireSettings('TWILIO_AUTH_TOKEN', 'PUBLIC_URL'), twilioSignature())
  .post('/call-status', async (c) => {
    const params = parseOrThrow(statusCallback, c.var.twilioParams, 'Twilio parameters');
    const now = Date.now();
    const parentSid = params.ParentCallSid ?? params.CallSid;
    await recordStatusCallback(
      c.env.DB,
      {
        callSid: params.CallSid,
        parentSid,
        status: params.CallStatus,
        sequenceNumber: optionalNumber(params.SequenceNumber),
        occurredAt: occurredAt(params.Timestamp, now),
        durationSeconds: optionalNumber(params.CallDuration),
        to: params.To ?? null,
      },
      now,
    );
    // Someone answered: while their session is surely live, the call's record is chosen as them.
    if (params.CallStatus === 'in-progress')
      inBackground(() => c.executionCtx, chooseRecordEarly(c.env, parentSid));
    // A leg ended: the call may be over, and its Odoo note then due.
    if (isTerminal(params.CallStatus)) {
      const windowMs = callSetting(c.env, 'WRAP_UP_WINDOW_SECONDS') * 1000;
      const dueAt = await scheduleEndedCall(c.env.DB, parentSid, now, windowMs);
      if (dueAt !== null) await enqueueCalls(c.env, [parentSid], (dueAt - now) / 1000);
    }
    return c.body(null, 204);
  })
  .post('/recording', async (c) => {
    const params = parseOrThrow(recordingCallback, c.var.twilioParams, 'Twilio parameters');
    // Only a finished recording has something to listen to (`absent`, `failed`: nothing to link).
    if (params.RecordingStatus !== undefined && params.RecordingStatus !== 'completed')
      return c.body(null, 204);
    const now = Date.now();
    const callSid = await insertRecording(
      c.env.DB,
      {
        sid: params.RecordingSid,
        legSid: params.CallSid,
        url: params.RecordingUrl,
        durationSeconds: optionalNumber(params.RecordingDuration),
        voicemail: params.RecordingSource === 'RecordVerb',
      },
      now,
    );
    if (callSid !== null && (await bringForward(c.env.DB, callSid, now, true)) === 'pending') {
      await enqueueCalls(c.env, [callSid]);
    }
    return c.body(null, 204);
  });
