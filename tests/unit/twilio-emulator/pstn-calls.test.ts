import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeVoiceApp, startFakeVoiceApp } from '../../support/twilio-emulator/fake-voice-app.ts';
import { startTwilioEmulator, type TwilioEmulator } from '../../support/twilio-emulator/index.ts';
import { emulatorOptionsFor, TEST_ACCOUNT } from '../../support/twilio-emulator/test-credentials.ts';

// Calls that need no browser: the simulated PSTN calls the test number, the TwiML dials a
// simulated callee. What the application receives is checked with the `twilio` package.

const CALLER = '+33612345678';
const CALLEE = '+33687654321';
const { VoiceResponse } = twilio.twiml;

let app: FakeVoiceApp;
let emulator: TwilioEmulator;

beforeAll(async () => {
  app = await startFakeVoiceApp(TEST_ACCOUNT.authToken);
  emulator = await startTwilioEmulator(emulatorOptionsFor(app.url, { timeScale: 0.02, sayMs: 10 }));
});

afterAll(async () => {
  await emulator.close();
  await app.close();
});

beforeEach(() => {
  app.clear();
  emulator.reset();
});

function dialNumber(options: { timeout?: number } = {}) {
  app.on('/twiml/inbound', () => {
    const response = new VoiceResponse();
    const dial = response.dial({
      action: `${app.url}/dial-action`,
      callerId: TEST_ACCOUNT.number,
      answerOnBridge: true,
      ...(options.timeout ? { timeout: options.timeout } : {}),
    });
    dial.number(
      {
        statusCallback: `${app.url}/leg-status`,
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      },
      CALLEE,
    );
    return response;
  });
  app.on('/dial-action', () => new VoiceResponse().say('Goodbye'));
}

async function endedCall(sid: string) {
  const call = await emulator.waitForCall(
    (candidate) => candidate.sid === sid && candidate.endedAt !== undefined,
  );
  await emulator.callbacksDelivered();
  return call;
}

describe('an inbound PSTN call dialling a number', () => {
  it('posts the voice URL with the parameters Twilio sends, signed', async () => {
    dialNumber();
    const call = emulator.placeInboundCall({
      from: CALLER,
      to: TEST_ACCOUNT.number,
      callerName: 'Jeanne Martin',
    });
    const request = await app.waitForRequest('/twiml/inbound');
    expect(request.validSignature).toBe(true);
    expect(request.params).toEqual({
      AccountSid: TEST_ACCOUNT.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: CALLER,
      To: TEST_ACCOUNT.number,
      Caller: CALLER,
      Called: TEST_ACCOUNT.number,
      CallerName: 'Jeanne Martin',
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    emulator.hangUp(call.sid);
    await endedCall(call.sid);
  });

  it('reports initiated → ringing → answered → completed for an answered leg, then follows the action', async () => {
    dialNumber();
    emulator.setCallee(CALLEE, { outcome: 'answer', ringMs: 50, hangUpAfterMs: 1100 });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    const ended = await endedCall(parent.sid);

    const legStatus = app.requests('/leg-status');
    expect(legStatus.every((request) => request.validSignature)).toBe(true);
    expect(legStatus.map((request) => [request.params.SequenceNumber, request.params.CallStatus])).toEqual([
      ['0', 'initiated'],
      ['1', 'ringing'],
      ['2', 'in-progress'],
      ['3', 'completed'],
    ]);
    const [leg] = ended.legs;
    for (const request of legStatus) {
      expect(request.params).toMatchObject({
        CallSid: leg,
        ParentCallSid: parent.sid,
        Direction: 'outbound-dial',
        From: TEST_ACCOUNT.number,
        To: CALLEE,
        AccountSid: TEST_ACCOUNT.accountSid,
        CallbackSource: 'call-progress-events',
      });
      expect(request.params.Timestamp).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    }
    expect(Number(legStatus[3]!.params.CallDuration)).toBeGreaterThanOrEqual(1);

    const action = app.requests('/dial-action')[0]!;
    expect(action.params).toMatchObject({
      DialCallStatus: 'completed',
      DialCallSid: leg,
      CallSid: parent.sid,
    });
    expect(Number(action.params.DialCallDuration)).toBeGreaterThanOrEqual(1);
    expect(ended.said).toEqual(['Goodbye']);
    expect(ended.status).toBe('completed');

    const numberStatus = app.requests('/number-status');
    expect(numberStatus.map((request) => request.params.CallStatus)).toEqual(['completed']);
    expect(numberStatus[0]!.params.CallSid).toBe(parent.sid);
  });

  it('gives busy to the leg callback and to DialCallStatus when the callee is busy', async () => {
    dialNumber();
    emulator.setCallee(CALLEE, { outcome: 'busy', ringMs: 20 });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await endedCall(parent.sid);
    expect(app.requests('/leg-status').map((request) => request.params.CallStatus)).toEqual([
      'initiated',
      'busy',
    ]);
    expect(app.requests('/dial-action')[0]!.params.DialCallStatus).toBe('busy');
  });

  it('gives no-answer after the Dial timeout when the callee does not pick up', async () => {
    dialNumber({ timeout: 10 });
    emulator.setCallee(CALLEE, { outcome: 'no-answer' });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await endedCall(parent.sid);
    expect(app.requests('/leg-status').map((request) => request.params.CallStatus)).toEqual([
      'initiated',
      'ringing',
      'no-answer',
    ]);
    const action = app.requests('/dial-action')[0]!;
    expect(action.params.DialCallStatus).toBe('no-answer');
    expect(action.params.DialCallDuration).toBeUndefined();
  });

  it('cancels the ringing leg when the caller hangs up first', async () => {
    dialNumber({ timeout: 600 });
    emulator.setCallee(CALLEE, { outcome: 'no-answer' });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await emulator.waitForCall((call) => call.kind === 'number-leg' && call.status === 'ringing');
    emulator.hangUp(parent.sid);
    const ended = await endedCall(parent.sid);
    await app.waitForRequest('/dial-action');
    expect(emulator.call(ended.legs[0]!)?.status).toBe('canceled');
    expect(app.requests('/leg-status').at(-1)!.params.CallStatus).toBe('canceled');
    expect(app.requests('/dial-action')[0]!.params).toMatchObject({
      DialCallStatus: 'canceled',
      CallStatus: 'canceled',
    });
    expect(ended.status).toBe('canceled');
  });

  it('ends a client leg at once with no-answer when no Device is registered as that identity', async () => {
    app.on('/twiml/inbound', () => {
      const response = new VoiceResponse();
      response.dial({ action: `${app.url}/dial-action` }).client('nobody_here');
      return response;
    });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await endedCall(parent.sid);
    expect(app.requests('/dial-action')[0]!.params.DialCallStatus).toBe('no-answer');
  });
});

describe('voicemail with <Record>', () => {
  it('posts the action and a recording callback, and serves the recording as WAV', async () => {
    app.on('/twiml/inbound', () => {
      const response = new VoiceResponse();
      response.say('Leave a message');
      response.record({
        action: `${app.url}/voicemail-done`,
        maxLength: 120,
        recordingStatusCallback: `${app.url}/recording`,
      });
      return response;
    });
    const parent = emulator.placeInboundCall({
      from: CALLER,
      to: TEST_ACCOUNT.number,
      voicemail: { speakMs: 1200 },
    });
    const ended = await endedCall(parent.sid);
    const recordingCallback = await app.waitForRequest('/recording');
    expect(recordingCallback.validSignature).toBe(true);
    expect(recordingCallback.params).toMatchObject({
      AccountSid: TEST_ACCOUNT.accountSid,
      CallSid: parent.sid,
      RecordingStatus: 'completed',
      RecordingDuration: '1',
      RecordingSource: 'RecordVerb',
    });
    expect(recordingCallback.params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    const action = await app.waitForRequest('/voicemail-done');
    expect(action.params).toMatchObject({
      RecordingUrl: recordingCallback.params.RecordingUrl,
      Digits: 'hangup',
    });
    expect(ended.status).toBe('completed');
    expect(emulator.call(parent.sid)?.recordings.map((recording) => recording.url)).toEqual([
      recordingCallback.params.RecordingUrl,
    ]);

    const wav = await fetch(`${recordingCallback.params.RecordingUrl}.wav`);
    expect(wav.status).toBe(200);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await wav.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
  });
});

describe('callback faults', () => {
  it('sends every status callback twice, identically signed, when asked', async () => {
    dialNumber();
    emulator.setFaults({ duplicate: true });
    emulator.setCallee(CALLEE, { outcome: 'busy', ringMs: 10 });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await endedCall(parent.sid);
    const legStatus = app.requests('/leg-status');
    expect(legStatus.map((request) => request.params.CallStatus)).toEqual([
      'initiated',
      'initiated',
      'busy',
      'busy',
    ]);
    expect(legStatus[0]!.signature).toBe(legStatus[1]!.signature);
  });

  it('holds callbacks and sends them in reverse order when asked', async () => {
    dialNumber();
    emulator.setFaults({ order: 'reversed' });
    emulator.setCallee(CALLEE, { outcome: 'answer', ringMs: 10, hangUpAfterMs: 50 });
    const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
    await endedCall(parent.sid);
    expect(app.requests('/leg-status').map((request) => request.params.SequenceNumber)).toEqual([
      '3',
      '2',
      '1',
      '0',
    ]);
  });
});
