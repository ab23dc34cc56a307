import { answerCall, endCall, setStatus } from './call-control.ts';
import type { CallRecord, CallStatus, RecordingInfo } from './calls.ts';
import { type EmulatorContext, rfc2822, sleep, twimlSeconds } from './context.ts';
import { FarEnd } from './far-end.ts';
import type { ClientTarget, DialTarget, DialVerb, NumberTarget } from './twiml.ts';

/** How a `<Dial>` ended: what its `action` URL is told. */
export interface DialOutcome {
  /** DialCallStatus */
  status: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';
  /** The leg that answered, else the last one tried. */
  leg: CallRecord | undefined;
  recording: RecordingInfo | undefined;
}

/** One dialled party, ringing until it answers or ends. */
interface Leg {
  call: CallRecord;
  /** Resolves `answered`, or the final status when it ends without answering. */
  outcome: Promise<'answered' | CallStatus>;
}

/**
 * Follows one `<Dial>`: rings every target at once, connects the first to answer (the others are
 * canceled), waits for either side to hang up, and records when asked.
 */
export async function dial(
  context: EmulatorContext,
  parent: CallRecord,
  verb: DialVerb,
): Promise<DialOutcome> {
  if (!verb.answerOnBridge) await answerCall(context, parent);
  if (parent.isFinal) return { status: 'canceled', leg: undefined, recording: undefined };
  const dialStarted = Date.now();
  const legs = verb.targets.map((target) => startLeg(context, parent, verb, target));

  const answered = await firstAnswer(legs, twimlSeconds(context, verb.timeout), parent.ended.signal);
  for (const leg of legs) {
    if (leg !== answered && !leg.call.isFinal) {
      endCall(context, leg.call, parent.isFinal || answered ? 'canceled' : 'no-answer', 'emulator');
    }
  }
  if (!answered) {
    return { status: unansweredStatus(parent, legs), leg: legs.at(-1)?.call, recording: undefined };
  }

  const leg = answered.call;
  if (verb.answerOnBridge) await answerCall(context, parent);
  parent.farEnd?.bridgeTo(leg.farEnd);
  leg.farEnd?.bridgeTo(parent.farEnd);
  const recordingFrom = verb.record.startsWith('record-from-ringing') ? dialStarted : Date.now();

  const parentGone = await untilEitherEnds(leg, parent, twimlSeconds(context, verb.timeLimit));
  if (!leg.isFinal) endCall(context, leg, 'completed', parentGone ? 'caller' : 'timeout');
  parent.farEnd?.bridgeTo(undefined);

  const recording =
    verb.record === 'do-not-record' ? undefined : finishRecording(context, parent, verb, recordingFrom);
  return { status: 'completed', leg, recording };
}

function startLeg(context: EmulatorContext, parent: CallRecord, verb: DialVerb, target: DialTarget): Leg {
  const from = verb.callerId ?? parent.from;
  const to = target.kind === 'number' ? target.number : `client:${target.identity}`;
  const call = context.calls.create(
    target.kind === 'number' ? 'number-leg' : 'client-leg',
    from,
    to,
    parent,
    'queued',
  );
  if (target.statusCallback) {
    call.statusCallback = {
      url: target.statusCallback,
      method: target.statusCallbackMethod,
      events: target.statusCallbackEvents,
    };
  }
  const outcome = new Promise<'answered' | CallStatus>((resolve) => {
    const unsubscribe = context.calls.onChange((changed) => {
      if (changed !== call) return;
      if (call.status === 'in-progress' || call.isFinal) {
        unsubscribe();
        resolve(call.status === 'in-progress' ? 'answered' : call.status);
      }
    });
  });
  setStatus(context, call, 'initiated');
  if (target.kind === 'number') void simulateCallee(context, call, target);
  else
    void ringClient(context, call, target).catch((error: unknown) => {
      context.log(`[call ${call.sid}] ringing ${target.identity} failed: ${error}`);
      endCall(context, call, 'failed', 'emulator');
    });
  return { call, outcome };
}

/** The simulated person at a `<Number>`, as the test configured that number. */
async function simulateCallee(
  context: EmulatorContext,
  call: CallRecord,
  target: NumberTarget,
): Promise<void> {
  const behaviour = context.callees.get(target.number);
  const signal = call.ended.signal;
  if (behaviour.outcome === 'failed') {
    if (await sleep(0, signal)) endCall(context, call, 'failed', 'far-end');
    return;
  }
  if (behaviour.outcome !== 'busy') setStatus(context, call, 'ringing');
  if (behaviour.outcome === 'no-answer') return; // rings until <Dial timeout>
  if (!(await sleep(behaviour.ringMs ?? 200, signal))) return;
  if (behaviour.outcome === 'busy') {
    endCall(context, call, 'busy', 'far-end');
    return;
  }
  setStatus(context, call, 'in-progress');
  if (behaviour.hangUpAfterMs !== undefined && (await sleep(behaviour.hangUpAfterMs, signal))) {
    endCall(context, call, 'completed', 'far-end');
  }
}

/**
 * Rings every Device registered as the identity, each with its own offer; the first `answer`
 * wins, the others get `cancel`. With no Device registered, the leg ends `no-answer` at once.
 */
async function ringClient(context: EmulatorContext, call: CallRecord, target: ClientTarget): Promise<void> {
  call.identity = target.identity;
  call.parameters = Object.fromEntries(target.parameters.map(({ name, value }) => [name, value]));
  const sessions = context.signaling.registeredSessions(target.identity);
  if (sessions.length === 0) {
    endCall(context, call, 'no-answer', 'emulator');
    return;
  }
  const params = new URLSearchParams(target.parameters.map(({ name, value }) => [name, value])).toString();
  const offers = await Promise.all(
    sessions.map(async (session) => ({ session, farEnd: await FarEnd.offering(context.options) })),
  );
  if (call.isFinal) {
    for (const { farEnd } of offers) void farEnd.close();
    return;
  }
  for (const { session, farEnd } of offers) {
    farEnd.onDigit = (digit) => recordDigit(context, call, digit, 'rtp');
    call.ringingSessions.set(session, farEnd);
    session.send('invite', {
      callsid: call.sid,
      sdp: farEnd.localSdp,
      reconnect: call.reconnectToken,
      parameters: {
        CallSid: call.sid,
        AccountSid: context.options.accountSid,
        From: call.from,
        To: call.to,
        Params: params,
      },
    });
  }
  setStatus(context, call, 'ringing');
}

/** A Device accepted a ringing client leg. */
export async function acceptClientLeg(
  context: EmulatorContext,
  call: CallRecord,
  session: CallRecord['session'] & object,
  sdp: string,
): Promise<void> {
  const farEnd = call.ringingSessions.get(session);
  if (!farEnd || call.isFinal) return;
  call.ringingSessions.delete(session);
  for (const [other, otherFarEnd] of call.ringingSessions) {
    other.send('cancel', { callsid: call.sid });
    void otherFarEnd.close();
  }
  call.ringingSessions.clear();
  await farEnd.acceptAnswer(sdp);
  call.farEnd = farEnd;
  call.session = session;
  setStatus(context, call, 'in-progress');
}

export function recordDigit(
  context: EmulatorContext,
  call: CallRecord,
  digit: string,
  via: 'rtp' | 'signaling',
): void {
  call.digitLog.push({ digit, via, at: new Date().toISOString() });
  context.calls.changed(call);
}

function firstAnswer(legs: Leg[], timeoutMs: number, parentEnded: AbortSignal): Promise<Leg | undefined> {
  return new Promise((resolve) => {
    let unanswered = legs.length;
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const finish = (leg: Leg | undefined) => {
      clearTimeout(timer);
      resolve(leg);
    };
    parentEnded.addEventListener('abort', () => finish(undefined), { once: true });
    for (const leg of legs) {
      void leg.outcome.then((outcome) => {
        if (outcome === 'answered') finish(leg);
        else if (--unanswered === 0) finish(undefined);
      });
    }
  });
}

/** Resolves `true` when the parent hung up, `false` when the leg ended or the time limit passed. */
function untilEitherEnds(leg: CallRecord, parent: CallRecord, timeLimitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeLimitMs);
    leg.ended.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(false);
    });
    parent.ended.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function unansweredStatus(parent: CallRecord, legs: Leg[]): DialOutcome['status'] {
  if (parent.isFinal) return 'canceled';
  const statuses = new Set(legs.map((leg) => leg.call.status));
  if (statuses.size === 1 && (statuses.has('busy') || statuses.has('failed')))
    return statuses.has('busy') ? 'busy' : 'failed';
  return 'no-answer';
}

function finishRecording(
  context: EmulatorContext,
  parent: CallRecord,
  verb: DialVerb,
  startedAt: number,
): RecordingInfo {
  const seconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000));
  const recording = context.recordings.create(
    parent.sid,
    seconds,
    verb.record.endsWith('-dual') ? 2 : 1,
    'DialVerb',
  );
  parent.recordings.push(recording);
  if (verb.recordingStatusCallback) {
    sendRecordingCallback(
      context,
      parent,
      recording,
      verb.recordingStatusCallback,
      verb.recordingStatusCallbackMethod,
      startedAt,
    );
  }
  context.calls.changed(parent);
  return recording;
}

/** `recordingStatusCallback` (`RecordingStatus=completed`) for a finished recording. */
export function sendRecordingCallback(
  context: EmulatorContext,
  call: CallRecord,
  recording: RecordingInfo,
  url: string,
  method: DialVerb['method'],
  startedAt: number,
): void {
  context.callbacks.enqueue(call.root.sid, {
    kind: 'recording-callback',
    callSid: call.sid,
    method,
    url,
    params: {
      AccountSid: context.options.accountSid,
      CallSid: call.sid,
      RecordingSid: recording.sid,
      RecordingUrl: recording.url,
      RecordingStatus: 'completed',
      RecordingDuration: String(recording.durationSeconds),
      RecordingChannels: String(recording.channels),
      RecordingSource: recording.source,
      RecordingStartTime: rfc2822(new Date(startedAt)),
      ErrorCode: '0',
    },
  });
}
