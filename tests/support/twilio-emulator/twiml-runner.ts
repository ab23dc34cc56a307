import { answerCall, callParams, endCall, hangUpStatus } from './call-control.ts';
import type { CallRecord } from './calls.ts';
import { type EmulatorContext, sleep, twimlSeconds } from './context.ts';
import { type DialOutcome, dial, sendRecordingCallback } from './dial.ts';
import { type HttpMethod, parseTwiml, type RecordVerb, TwimlParseError, type TwimlVerb } from './twiml.ts';

/** A TwiML document to fetch: the voice URL, a `<Redirect>`, or an `action` URL. */
export interface TwimlRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
}

/** A call that keeps redirecting to itself is stopped (Twilio has a similar limit). */
const MAX_DOCUMENTS = 50;

/** Twilio error 11200: the application's answer could not be fetched or was not a 2xx. */
const HTTP_RETRIEVAL_FAILURE = 11200;

/**
 * Follows TwiML for a parent call from its first request to its end, the way Twilio does: each
 * verb in turn, `<Redirect>` and `action` URLs leading to the next document, and a hang-up when
 * a document runs out of verbs.
 */
export async function followTwiml(
  context: EmulatorContext,
  call: CallRecord,
  first: TwimlRequest,
): Promise<void> {
  let request: TwimlRequest | undefined = first;
  for (let documents = 1; request && !call.isFinal; documents++) {
    if (documents > MAX_DOCUMENTS) {
      endCall(context, call, hangUpStatus(call), 'emulator', {
        code: 12400,
        message: 'Too many TwiML documents',
      });
      return;
    }
    const verbs = await fetchTwiml(context, call, request);
    if (!verbs) return;
    request = await runVerbs(context, call, verbs, request.url);
  }
  if (!call.isFinal) endCall(context, call, 'completed', 'twiml');
}

async function fetchTwiml(
  context: EmulatorContext,
  call: CallRecord,
  request: TwimlRequest,
): Promise<TwimlVerb[] | undefined> {
  const response = await context.webhooks.send(
    'twiml',
    call.sid,
    request.method,
    request.url,
    request.params,
  );
  call.twiml.push({
    url: request.url,
    method: request.method,
    status: response?.status,
    body: response?.body ?? '',
  });
  context.calls.changed(call);
  if (call.isFinal) return undefined;
  if (!response || response.status < 200 || response.status > 299) {
    const why = response ? `HTTP ${response.status}` : 'no response';
    endCall(context, call, call.answeredAt ? 'completed' : 'failed', 'emulator', {
      code: HTTP_RETRIEVAL_FAILURE,
      message: `HTTP retrieval failure (${why}) for ${request.url}`,
    });
    return undefined;
  }
  try {
    return parseTwiml(response.body, request.url);
  } catch (error) {
    if (!(error instanceof TwimlParseError)) throw error;
    endCall(context, call, call.answeredAt ? 'completed' : 'failed', 'emulator', {
      code: error.code,
      message: error.message,
    });
    return undefined;
  }
}

/** Runs one document; returns the next document to fetch, if any. */
async function runVerbs(
  context: EmulatorContext,
  call: CallRecord,
  verbs: TwimlVerb[],
  documentUrl: string,
): Promise<TwimlRequest | undefined> {
  const signal = call.ended.signal;
  for (const verb of verbs) {
    if (call.isFinal) return undefined;
    switch (verb.verb) {
      case 'Say':
        await answerCall(context, call);
        call.said.push(verb.text);
        context.calls.changed(call);
        await sleep(context.options.sayMs, signal);
        break;
      case 'Play':
        await answerCall(context, call);
        await sleep(context.options.sayMs * Math.max(verb.loop, 1), signal);
        break;
      case 'Pause':
        await answerCall(context, call);
        await sleep(twimlSeconds(context, verb.length), signal);
        break;
      case 'Hangup':
        endCall(context, call, 'completed', 'twiml');
        return undefined;
      case 'Reject': {
        const busy = verb.reason === 'busy';
        endCall(context, call, busy ? 'busy' : 'no-answer', 'twiml', {
          code: busy ? 31486 : 31603,
          message: busy ? 'Busy Here' : 'Decline',
        });
        return undefined;
      }
      case 'Redirect':
        return { url: verb.url, method: verb.method, params: callParams(context, call) };
      case 'Dial': {
        const outcome = await dial(context, call, verb);
        if (verb.action)
          return afterAction(context, call, verb.action, verb.method, dialActionParams(outcome));
        break;
      }
      case 'Record':
        return record(context, call, verb, documentUrl);
      case 'Unsupported':
        call.unsupportedVerbs.push(verb.name);
        context.calls.changed(call);
        break;
    }
  }
  return undefined;
}

function dialActionParams(outcome: DialOutcome): Record<string, string> {
  const params: Record<string, string> = { DialCallStatus: outcome.status };
  if (outcome.leg) params.DialCallSid = outcome.leg.sid;
  if (outcome.status === 'completed' && outcome.leg)
    params.DialCallDuration = String(outcome.leg.durationSeconds);
  if (outcome.recording) {
    params.RecordingUrl = outcome.recording.url;
    params.RecordingSid = outcome.recording.sid;
    params.RecordingDuration = String(outcome.recording.durationSeconds);
  }
  return params;
}

/**
 * Twilio requests an `action` URL even when the caller has already hung up; its TwiML is then
 * ignored. Otherwise the answer is the next document.
 */
async function afterAction(
  context: EmulatorContext,
  call: CallRecord,
  url: string,
  method: HttpMethod,
  extra: Record<string, string>,
): Promise<TwimlRequest | undefined> {
  const request = { url, method, params: { ...callParams(context, call), ...extra } };
  if (!call.isFinal) return request;
  const response = await context.webhooks.send('twiml', call.sid, method, url, request.params);
  call.twiml.push({ url, method, status: response?.status, body: response?.body ?? '' });
  context.calls.changed(call);
  return undefined;
}

/**
 * `<Record>`: a PSTN caller speaks for the test-given time then (by default) hangs up, as
 * someone leaving a voicemail does; a Device caller is recorded until it hangs up, presses a
 * `finishOnKey` digit, or `maxLength` passes.
 */
async function record(
  context: EmulatorContext,
  call: CallRecord,
  verb: RecordVerb,
  documentUrl: string,
): Promise<TwimlRequest | undefined> {
  await answerCall(context, call);
  if (call.isFinal) return undefined;
  const startedAt = Date.now();
  const maxMs = twimlSeconds(context, verb.maxLength);
  let finishDigit = '';
  if (call.kind === 'pstn-originated') {
    const spoke = await sleep(Math.min(call.voicemail.speakMs ?? 2000, maxMs), call.ended.signal);
    if (spoke && call.voicemail.hangUp !== false) endCall(context, call, 'completed', 'far-end');
    else if (spoke) await sleep(twimlSeconds(context, verb.timeout), call.ended.signal);
  } else {
    finishDigit = await untilFinishKey(context, call, verb.finishOnKey, maxMs);
  }
  const recording = context.recordings.create(
    call.sid,
    Math.max(1, Math.round((Date.now() - startedAt) / 1000)),
    1,
    'RecordVerb',
  );
  call.recordings.push(recording);
  context.calls.changed(call);
  if (verb.recordingStatusCallback) {
    sendRecordingCallback(
      context,
      call,
      recording,
      verb.recordingStatusCallback,
      verb.recordingStatusCallbackMethod,
      startedAt,
    );
  }
  const params = {
    RecordingUrl: recording.url,
    RecordingSid: recording.sid,
    RecordingDuration: String(recording.durationSeconds),
    Digits: call.isFinal ? 'hangup' : finishDigit,
  };
  // Without an action, Twilio requests the current document again.
  return afterAction(context, call, verb.action ?? documentUrl, verb.action ? verb.method : 'POST', params);
}

function untilFinishKey(
  context: EmulatorContext,
  call: CallRecord,
  keys: string,
  maxMs: number,
): Promise<string> {
  const seen = call.digitLog.length;
  return new Promise((resolve) => {
    const finish = (digit: string) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(digit);
    };
    const timer = setTimeout(() => finish(''), maxMs);
    const unsubscribe = context.calls.onChange((changed) => {
      if (changed !== call) return;
      if (call.isFinal) return finish('');
      const pressed = call.digitLog.slice(seen).find((entry) => keys.includes(entry.digit));
      if (pressed) finish(pressed.digit);
    });
  });
}
