/** Shapes of the parameters Twilio posts, for validation at the route. */
import * as z from 'zod/mini';
import { CALL_SID_PATTERN } from '../../shared/call-sid';
import { TWILIO_CALL_STATUSES } from '../calls/projection';

export const callSid = z.string().check(z.regex(CALL_SID_PATTERN));
const digits = z.string().check(z.regex(/^\d{1,10}$/));

/** Twilio asking for TwiML: a call from a browser (TwiML App) or to one of our numbers. */
export const voiceRequest = z.object({
  CallSid: callSid,
  From: z.optional(z.string()),
  To: z.optional(z.string()),
  /** Custom parameters of `device.connect({ params })`. */
  OdooModel: z.optional(z.string()),
  OdooId: z.optional(z.string()),
});

export const statusCallback = z.object({
  CallSid: callSid,
  CallStatus: z.enum(TWILIO_CALL_STATUSES),
  /** Set on a dialled leg (`<Number>`, `<Client>`): the call it belongs to. */
  ParentCallSid: z.optional(callSid),
  SequenceNumber: z.optional(digits),
  CallDuration: z.optional(digits),
  /** RFC 2822, e.g. `Tue, 06 Jan 2026 10:00:00 +0000`. */
  Timestamp: z.optional(z.string()),
  To: z.optional(z.string()),
});

/** Twilio asking what to do once an inbound `<Dial>` ended (its `action`). */
export const dialAction = z.object({
  CallSid: callSid,
  /** The caller's leg: `completed` once they hung up (Twilio then ignores the answer). */
  CallStatus: z.optional(z.string()),
  /** `completed` (an agent answered and the call ended), `no-answer`, `busy`, `failed`, `canceled`. */
  DialCallStatus: z.optional(z.string()),
});

/** A recording is ready (`recordingStatusCallback` of a `<Record>` or a recorded `<Dial>`). */
export const recordingCallback = z.object({
  CallSid: callSid,
  RecordingSid: z.string().check(z.regex(/^RE[0-9a-f]{32}$/)),
  RecordingUrl: z.string().check(z.maxLength(512), z.regex(/^https?:\/\/[^\s"'<>]+$/)),
  RecordingStatus: z.optional(z.string()),
  RecordingDuration: z.optional(digits),
  /** `RecordVerb` for a voicemail left with `<Record>`, `DialVerb` for a recorded call. */
  RecordingSource: z.optional(z.string()),
});
