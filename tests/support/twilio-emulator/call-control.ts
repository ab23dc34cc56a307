import { type CallRecord, type CallStatus, FINAL_STATUSES } from './calls.ts';
import { API_VERSION, type EmulatorContext, rfc2822 } from './context.ts';
import type { LegEvent } from './twiml.ts';

/**
 * The one place a call changes state: status, timestamps, what the Device is told, status
 * callbacks and the change event all follow from here.
 */

const EVENT_FOR_STATUS: Record<CallStatus, LegEvent | undefined> = {
  queued: undefined,
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'completed',
  failed: 'completed',
  'no-answer': 'completed',
  canceled: 'completed',
};

export function setStatus(
  context: EmulatorContext,
  call: CallRecord,
  status: CallStatus,
  endedBy?: string,
): void {
  if (call.isFinal || call.status === status) return;
  call.status = status;
  if (status === 'in-progress') call.answeredAt = new Date();
  const final = FINAL_STATUSES.has(status);
  if (final) {
    call.endedAt = new Date();
    call.endedBy = endedBy;
  }
  context.log(`[call ${call.sid}] ${call.kind} ${status}${endedBy ? ` (by ${endedBy})` : ''}`);
  reportStatus(context, call);
  if (final) {
    call.ended.abort();
    void call.farEnd?.close();
    const root = call.root;
    if (root.isFinal && root.legs.every((leg) => leg.isFinal)) context.callbacks.flush(root.sid);
  }
  context.calls.changed(call);
}

/**
 * Answers a call that reached Twilio: a Device's call gets the far end's SDP in `answer`; a PSTN
 * caller is simply connected.
 */
export async function answerCall(context: EmulatorContext, call: CallRecord): Promise<void> {
  if (call.answeredAt || call.isFinal) return;
  if (call.kind === 'client-originated' && call.farEndReady) {
    const farEnd = await call.farEndReady;
    if (call.isFinal || call.answeredAt) return;
    call.farEnd = farEnd;
    call.session?.send('answer', { callsid: call.sid, sdp: farEnd.localSdp, reconnect: call.reconnectToken });
  }
  setStatus(context, call, 'in-progress');
}

/**
 * Ends a call. The Device hears about it unless it ended the call itself: a ringing leg gets
 * `cancel` on every socket it rang, an established call gets `hangup` (with `error` when given).
 */
export function endCall(
  context: EmulatorContext,
  call: CallRecord,
  status: CallStatus,
  endedBy: string,
  error?: { code: number; message: string },
): void {
  if (call.isFinal) return;
  for (const [session, farEnd] of call.ringingSessions) {
    session.send('cancel', { callsid: call.sid });
    void farEnd.close();
  }
  call.ringingSessions.clear();
  const tellsDevice = call.kind === 'client-originated' || (call.kind === 'client-leg' && call.answeredAt);
  if (call.session && tellsDevice && endedBy !== 'client') {
    call.session.send('hangup', { callsid: call.sid, ...(error ? { error } : {}) });
  }
  if (error) call.errors.push(error);
  setStatus(context, call, status, endedBy);
}

/** Final status for a call that ends normally: answered → completed, never answered → canceled. */
export function hangUpStatus(call: CallRecord): CallStatus {
  return call.answeredAt ? 'completed' : 'canceled';
}

/** The parameters Twilio puts in every request about a call (TwiML fetches and status callbacks). */
export function callParams(context: EmulatorContext, call: CallRecord): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: context.options.accountSid,
    ApiVersion: API_VERSION,
    CallSid: call.sid,
    CallStatus: call.status,
    Direction: call.direction,
    From: call.from,
    To: call.to,
    Caller: call.from,
  };
  if (call.applicationSid) params.ApplicationSid = call.applicationSid;
  if (call.parent) params.ParentCallSid = call.parent.sid;
  if (call.kind !== 'client-originated') params.Called = call.to;
  if (call.callerName) params.CallerName = call.callerName;
  return params;
}

function reportStatus(context: EmulatorContext, call: CallRecord): void {
  const target = call.statusCallback;
  const event = EVENT_FOR_STATUS[call.status];
  if (!target || !event || !target.events.includes(event)) return;
  const params: Record<string, string> = {
    ...callParams(context, call),
    CallbackSource: 'call-progress-events',
    Timestamp: rfc2822(new Date()),
    SequenceNumber: String(call.sequence++),
  };
  if (event === 'completed') params.CallDuration = String(call.durationSeconds);
  context.callbacks.enqueue(call.root.sid, {
    kind: 'status-callback',
    callSid: call.sid,
    method: target.method,
    url: target.url,
    params,
  });
}
