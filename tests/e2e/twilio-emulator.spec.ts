import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import twilio from 'twilio';
import { type FakeVoiceApp, startFakeVoiceApp } from '../support/twilio-emulator/fake-voice-app.ts';
import { startTwilioEmulator, type TwilioEmulator } from '../support/twilio-emulator/index.ts';
import {
  accessToken,
  emulatorOptionsFor,
  TEST_ACCOUNT,
} from '../support/twilio-emulator/test-credentials.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { serveVoiceTestPage, type VoiceTestPage } from './support/voice-test-page.ts';

// The real @twilio/voice-sdk in Debian's Chromium against the Twilio emulator, through a plain
// test page. The "worker" is a fake voice app that checks signatures with the twilio package.

const { VoiceResponse } = twilio.twiml;

let app: FakeVoiceApp;
let emulator: TwilioEmulator;
let pageServer: VoiceTestPage;
let browser: Browser;
const pages: Page[] = [];

test.beforeAll(async () => {
  app = await startFakeVoiceApp(TEST_ACCOUNT.authToken);
  emulator = await startTwilioEmulator(
    emulatorOptionsFor(app.url, {
      timeScale: 0.1,
      levelWindowMs: 1000,
      signalingReconnectGraceMs: 1000,
      // EMULATOR_LOG=1 prints every signaling message, webhook and call event.
      ...(process.env.EMULATOR_LOG ? { log: (line: string) => console.log(line) } : {}),
    }),
  );
  pageServer = await serveVoiceTestPage();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

test.afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await app?.close();
  await pageServer?.close();
});

test.beforeEach(() => {
  app.clear();
  emulator.reset();
});

test.afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

async function openDevice(identity: string, token = accessToken(identity)): Promise<Page> {
  const page = await browser.newPage();
  pages.push(page);
  await page.goto(pageServer.url);
  await page.evaluate(
    ([jwt, host]) => window.harness.createDevice(jwt!, host!),
    [token, emulator.signalingHost],
  );
  return page;
}

const CALLEE = '+33612345678';
const CALLER = '+33698765432';

/** TwiML for calls from the browser: dial the number the Device asked for, as the worker does. */
function dialRequestedNumber(options: { action?: boolean; timeout?: number } = {}): void {
  app.on('/twiml/outbound', (params) => {
    const response = new VoiceResponse();
    const dial = response.dial({
      callerId: TEST_ACCOUNT.number,
      answerOnBridge: true,
      ...(options.timeout ? { timeout: options.timeout } : {}),
      ...(options.action ? { action: `${app.url}/dial-action` } : {}),
    });
    dial.number(
      {
        statusCallback: `${app.url}/leg-status`,
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      },
      params.To!,
    );
    return response;
  });
}

/** TwiML for calls to the test number: ring `identity`'s Devices with the caller's lead. */
function ringClient(identity: string): void {
  app.on('/twiml/inbound', () => {
    const response = new VoiceResponse();
    const client = response.dial({ answerOnBridge: true, action: `${app.url}/dial-action` }).client({
      statusCallback: `${app.url}/leg-status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    client.identity(identity);
    client.parameter({ name: 'OdooModel', value: 'crm.lead' });
    client.parameter({ name: 'CallerLabel', value: 'Jeanne Martin & Fils' });
    return response;
  });
}

const callEvents = (page: Page, index = 0) =>
  page.evaluate((i) => window.harness.calls[i]?.events ?? [], index);
const deviceErrorCodes = (page: Page) =>
  page.evaluate(() => window.harness.deviceErrors.map((error) => error.code));
const browserInbound = (page: Page) => page.evaluate(() => window.harness.inboundAudio());
const media = (callSid: string) => emulator.call(callSid)?.media;

async function register(page: Page, identity: string): Promise<void> {
  await page.evaluate(() => window.harness.device!.register());
  await emulator.waitForRegistration(identity);
}

async function placeOutgoingCall(page: Page, params: Record<string, string>) {
  await page.evaluate((p) => window.harness.connect(p), params);
  await expect.poll(() => callEvents(page)).toContain('accept');
  return emulator.waitForCall((call) => call.kind === 'client-originated' && call.status === 'in-progress');
}

test('a Device registers with a token made by the twilio package', async () => {
  const page = await openDevice('alice');
  await register(page, 'alice');
  expect(await page.evaluate(() => window.harness.device!.state)).toBe('registered');
  expect(emulator.registrations()).toContainEqual(
    expect.objectContaining({ identity: 'alice', registered: true }),
  );
});

test('an outgoing call posts the exact TwiML App request and carries audio both ways', async () => {
  dialRequestedNumber();
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE, OdooModel: 'crm.lead', OdooId: '14' });

  const [request] = app.requests('/twiml/outbound');
  expect(request!.validSignature).toBe(true);
  expect(request!.params).toEqual({
    AccountSid: TEST_ACCOUNT.accountSid,
    ApplicationSid: TEST_ACCOUNT.appSid,
    CallSid: call.sid,
    From: 'client:alice',
    Caller: 'client:alice',
    To: CALLEE,
    Direction: 'inbound',
    CallStatus: 'ringing',
    ApiVersion: '2010-04-01',
    OdooModel: 'crm.lead',
    OdooId: '14',
  });
  expect(await page.evaluate(() => window.harness.calls[0]!.call.parameters.CallSid)).toBe(call.sid);

  await expect.poll(() => media(call.sid)?.packetsReceived ?? 0).toBeGreaterThan(50);
  await expect.poll(() => media(call.sid)?.packetsSent ?? 0).toBeGreaterThan(50);
  await expect.poll(async () => (await browserInbound(page)).packetsReceived).toBeGreaterThan(50);
  await expect.poll(async () => (await browserInbound(page)).totalAudioEnergy).toBeGreaterThan(0);
  expect(media(call.sid)?.codec).toBe('PCMU');
});

test('DTMF digits sent by the Device arrive at the far end', async () => {
  dialRequestedNumber();
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE });
  // The SDK sends RTP telephone-events only once the media transport is up (canInsertDTMF);
  // before that it falls back to a signaling `dtmf` message. `accept` fires before media, so
  // wait for audio, as a person pressing keys mid-call always does.
  await expect.poll(() => media(call.sid)?.packetsReceived ?? 0).toBeGreaterThan(10);
  await page.evaluate(() => window.harness.calls[0]!.call.sendDigits('159#'));
  await expect.poll(() => emulator.call(call.sid)?.digits).toBe('159#');
  expect(emulator.call(call.sid)?.digitLog.every((entry) => entry.via === 'rtp')).toBe(true);
});

test('mute silences the outgoing audio and unmute restores it', async () => {
  dialRequestedNumber();
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE });
  const level = () => media(call.sid)?.audioLevel ?? 0;
  await expect.poll(level).toBeGreaterThan(0.02);

  await page.evaluate(() => window.harness.calls[0]!.call.mute(true));
  await expect.poll(level).toBe(0);
  const packetsWhileMuted = media(call.sid)!.packetsReceived;
  await expect.poll(() => media(call.sid)!.packetsReceived).toBeGreaterThan(packetsWhileMuted + 25);
  expect(level()).toBe(0);

  await page.evaluate(() => window.harness.calls[0]!.call.mute(false));
  await expect.poll(level).toBeGreaterThan(0.02);
});

test('hang-up from the browser ends the call and its dialled leg', async () => {
  dialRequestedNumber();
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE });
  await page.evaluate(() => window.harness.calls[0]!.call.disconnect());
  const ended = await emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  expect(ended.endedBy).toBe('client');
  await expect.poll(() => emulator.call(ended.legs[0]!)?.status).toBe('completed');
});

test('hang-up from the far end reaches the browser', async () => {
  dialRequestedNumber({ action: true });
  app.on('/dial-action', () => new VoiceResponse().hangup());
  emulator.setCallee(CALLEE, { outcome: 'answer', ringMs: 100, hangUpAfterMs: 1500 });
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE });
  await expect.poll(() => callEvents(page)).toContain('disconnect');
  const ended = await emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  expect(emulator.call(ended.legs[0]!)?.endedBy).toBe('far-end');
});

test('a spoken refusal (<Say> then <Hangup/>) ends the call', async () => {
  app.on('/twiml/outbound', () => {
    const response = new VoiceResponse();
    response.say({ language: 'fr-FR' }, 'Ce numéro ne peut pas être appelé.');
    response.hangup();
    return response;
  });
  const page = await openDevice('alice');
  await page.evaluate(() => window.harness.connect({ To: '+8821234567' }));
  await expect.poll(() => callEvents(page)).toEqual(expect.arrayContaining(['accept', 'disconnect']));
  const ended = await emulator.waitForCall((c) => c.kind === 'client-originated' && c.status === 'completed');
  expect(ended.said).toEqual(['Ce numéro ne peut pas être appelé.']);
  expect(ended.legs).toEqual([]);
});

test('a busy callee gives busy callbacks, and the Dial action is followed', async () => {
  dialRequestedNumber({ action: true });
  app.on('/dial-action', (params) => new VoiceResponse().say(`Dial ended: ${params.DialCallStatus}`));
  emulator.setCallee(CALLEE, { outcome: 'busy', ringMs: 100 });
  const page = await openDevice('alice');
  await page.evaluate((to) => window.harness.connect({ To: to }), CALLEE);
  await expect.poll(() => callEvents(page)).toContain('disconnect');
  const parent = await emulator.waitForCall((c) => c.kind === 'client-originated' && c.endedAt !== undefined);
  await emulator.callbacksDelivered();

  const legStatus = app.requests('/leg-status');
  expect(legStatus.map((request) => request.params.CallStatus)).toEqual(['initiated', 'busy']);
  expect(legStatus.every((request) => request.validSignature)).toBe(true);
  const [action] = app.requests('/dial-action');
  expect(action!.params).toMatchObject({
    DialCallStatus: 'busy',
    DialCallSid: parent.legs[0],
    CallSid: parent.sid,
  });
  expect(parent.said).toEqual(['Dial ended: busy']);
});

test('an unanswered callee gives no-answer after the Dial timeout', async () => {
  dialRequestedNumber({ action: true, timeout: 10 });
  app.on('/dial-action', () => new VoiceResponse().hangup());
  emulator.setCallee(CALLEE, { outcome: 'no-answer' });
  const page = await openDevice('alice');
  await page.evaluate((to) => window.harness.connect({ To: to }), CALLEE);
  await expect.poll(() => callEvents(page)).toContain('disconnect');
  await emulator.waitForCall((c) => c.kind === 'client-originated' && c.endedAt !== undefined);
  await emulator.callbacksDelivered();
  expect(app.requests('/leg-status').map((request) => request.params.CallStatus)).toEqual([
    'initiated',
    'ringing',
    'no-answer',
  ]);
  expect(app.requests('/dial-action')[0]!.params.DialCallStatus).toBe('no-answer');
});

test('status callbacks of an answered call are signed, in sequence, and end with the duration', async () => {
  dialRequestedNumber();
  emulator.setCallee(CALLEE, { outcome: 'answer', ringMs: 300 });
  const page = await openDevice('alice');
  const call = await placeOutgoingCall(page, { To: CALLEE });
  await expect.poll(() => media(call.sid)?.packetsReceived ?? 0).toBeGreaterThan(60);
  await page.evaluate(() => window.harness.calls[0]!.call.disconnect());
  await emulator.waitForCall((c) => c.sid === call.sid && c.endedAt !== undefined);
  await expect.poll(() => app.requests('/app-status').length).toBe(1);
  await emulator.callbacksDelivered();

  const legStatus = app.requests('/leg-status');
  for (const request of legStatus) {
    expect(
      twilio.validateRequest(TEST_ACCOUNT.authToken, request.signature, request.url, request.params),
    ).toBe(true);
    expect(request.signature).toBe(
      twilio.getExpectedTwilioSignature(TEST_ACCOUNT.authToken, request.url, request.params),
    );
    expect(request.params.ParentCallSid).toBe(call.sid);
  }
  expect(legStatus.map((request) => [request.params.SequenceNumber, request.params.CallStatus])).toEqual([
    ['0', 'initiated'],
    ['1', 'ringing'],
    ['2', 'in-progress'],
    ['3', 'completed'],
  ]);
  expect(Number(legStatus[3]!.params.CallDuration)).toBeGreaterThanOrEqual(1);
  const [appStatus] = app.requests('/app-status');
  expect(appStatus!.params).toMatchObject({
    CallSid: call.sid,
    CallStatus: 'completed',
    From: 'client:alice',
  });
  expect(Number(appStatus!.params.CallDuration)).toBeGreaterThanOrEqual(1);
});

test('an incoming call rings the Device with its parameters, is accepted, and carries audio both ways', async () => {
  ringClient('bob');
  const page = await openDevice('bob');
  await register(page, 'bob');
  const parent = emulator.placeInboundCall({
    from: CALLER,
    to: TEST_ACCOUNT.number,
    callerName: 'Jeanne Martin',
  });
  const leg = await emulator.waitForInvite('bob');
  await expect.poll(() => page.evaluate(() => window.harness.calls.length)).toBe(1);
  const incoming = await page.evaluate(() => {
    const { call } = window.harness.calls[0]!;
    return { parameters: call.parameters, custom: Object.fromEntries(call.customParameters) };
  });
  expect(incoming.parameters).toMatchObject({ CallSid: leg.sid, From: CALLER, To: 'client:bob' });
  expect(incoming.custom).toEqual({ OdooModel: 'crm.lead', CallerLabel: 'Jeanne Martin & Fils' });

  await page.evaluate(() => window.harness.calls[0]!.call.accept());
  await expect.poll(() => callEvents(page)).toContain('accept');
  await emulator.waitForCall((c) => c.sid === leg.sid && c.status === 'in-progress');
  await expect.poll(() => media(leg.sid)?.packetsReceived ?? 0).toBeGreaterThan(50);
  await expect.poll(async () => (await browserInbound(page)).packetsReceived).toBeGreaterThan(50);
  await expect.poll(async () => (await browserInbound(page)).totalAudioEnergy).toBeGreaterThan(0);

  emulator.hangUp(parent.sid);
  await expect.poll(() => callEvents(page)).toContain('disconnect');
  await expect.poll(() => emulator.call(leg.sid)?.status).toBe('completed');
  await emulator.callbacksDelivered();
  expect(app.requests('/leg-status').map((request) => request.params.CallStatus)).toEqual([
    'initiated',
    'ringing',
    'in-progress',
    'completed',
  ]);
});

test('an incoming call declined on the Device ends busy', async () => {
  ringClient('bob');
  app.on('/dial-action', () => new VoiceResponse().hangup());
  const page = await openDevice('bob');
  await register(page, 'bob');
  const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
  const leg = await emulator.waitForInvite('bob');
  await expect.poll(() => page.evaluate(() => window.harness.calls.length)).toBe(1);
  await page.evaluate(() => window.harness.calls[0]!.call.reject());
  await expect.poll(() => emulator.call(leg.sid)?.status).toBe('busy');
  const action = await app.waitForRequest('/dial-action');
  expect(action.params).toMatchObject({ DialCallStatus: 'busy', CallSid: parent.sid });
});

test('a caller hanging up before answer cancels the ringing Device', async () => {
  ringClient('bob');
  const page = await openDevice('bob');
  await register(page, 'bob');
  const parent = emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
  const leg = await emulator.waitForInvite('bob');
  await expect.poll(() => page.evaluate(() => window.harness.calls.length)).toBe(1);
  emulator.hangUp(parent.sid);
  await expect.poll(() => callEvents(page)).toContain('cancel');
  expect(emulator.call(leg.sid)?.status).toBe('canceled');
});

test('several Devices of one identity all ring; the first to answer wins, the other is canceled', async () => {
  ringClient('bob');
  const first = await openDevice('bob');
  const second = await openDevice('bob');
  await register(first, 'bob');
  await register(second, 'bob');
  await expect
    .poll(() => emulator.registrations().filter((r) => r.identity === 'bob' && r.registered).length)
    .toBe(2);
  emulator.placeInboundCall({ from: CALLER, to: TEST_ACCOUNT.number });
  await expect.poll(() => first.evaluate(() => window.harness.calls.length)).toBe(1);
  await expect.poll(() => second.evaluate(() => window.harness.calls.length)).toBe(1);
  await second.evaluate(() => window.harness.calls[0]!.call.accept());
  await expect.poll(() => callEvents(second)).toContain('accept');
  await expect.poll(() => callEvents(first)).toContain('cancel');
});

test('a token signed with the wrong secret is refused with 20101 (signaling 31204)', async () => {
  const page = await openDevice('mallory', accessToken('mallory', { secret: 'not-the-api-key-secret' }));
  await page.evaluate(() => {
    void window.harness.device!.register(); // never settles with a refused token
  });
  await expect.poll(() => deviceErrorCodes(page)).toContain(20101);
  expect(emulator.registrations().some((r) => r.identity === 'mallory')).toBe(false);
});

test('an expired token is refused with 20104 (signaling 31205)', async () => {
  const page = await openDevice('alice', accessToken('alice', { ttlSeconds: -10 }));
  await page.evaluate(() => {
    void window.harness.device!.register();
  });
  await expect.poll(() => deviceErrorCodes(page)).toContain(20104);
});

test('a token that runs out without updateToken() loses the registration', async () => {
  const page = await openDevice('alice', accessToken('alice', { ttlSeconds: 3 }));
  await register(page, 'alice');
  await expect.poll(() => deviceErrorCodes(page), { timeout: 8000 }).toContain(20104);
  await expect.poll(() => page.evaluate(() => window.harness.device!.state)).toBe('unregistered');
  await emulator.waitForRegistration('alice', false);
});

test('updateToken() with a fresh token keeps the registration and a live call', async () => {
  dialRequestedNumber();
  const firstExpiry = Date.now() + 4000;
  const page = await openDevice('alice', accessToken('alice', { ttlSeconds: 4 }));
  await register(page, 'alice');

  // While registered: refresh, then outlive the first token.
  const secondExpiry = Date.now() + 8000;
  await page.evaluate(
    (token) => window.harness.device!.updateToken(token),
    accessToken('alice', { ttlSeconds: 8 }),
  );
  await expect.poll(() => Date.now(), { timeout: 8000 }).toBeGreaterThan(firstExpiry + 500);
  expect(await page.evaluate(() => window.harness.device!.state)).toBe('registered');

  // During a call: refresh again, then outlive the second token.
  const call = await placeOutgoingCall(page, { To: CALLEE });
  await page.evaluate((token) => window.harness.device!.updateToken(token), accessToken('alice'));
  await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(secondExpiry + 500);
  expect(await page.evaluate(() => window.harness.device!.state)).toBe('registered');
  expect(emulator.registrations()).toContainEqual(
    expect.objectContaining({ identity: 'alice', registered: true }),
  );
  expect(emulator.call(call.sid)?.status).toBe('in-progress');
  const packets = media(call.sid)!.packetsReceived;
  await expect.poll(() => media(call.sid)!.packetsReceived).toBeGreaterThan(packets + 25);
  expect(await deviceErrorCodes(page)).toEqual([]);
  expect(await callEvents(page)).not.toContain('disconnect');
});

test('<Record> voicemail for an unanswered inbound call gives a recording callback', async () => {
  app.on('/twiml/inbound', () => {
    const response = new VoiceResponse();
    response.dial({ action: `${app.url}/voicemail`, timeout: 10 }).client('nobody_registered');
    return response;
  });
  app.on('/voicemail', () => {
    const response = new VoiceResponse();
    response.say('Laissez un message.');
    response.record({
      maxLength: 120,
      recordingStatusCallback: `${app.url}/recording`,
      action: `${app.url}/done`,
    });
    return response;
  });
  const parent = emulator.placeInboundCall({
    from: CALLER,
    to: TEST_ACCOUNT.number,
    voicemail: { speakMs: 1500 },
  });
  const recording = await app.waitForRequest('/recording');
  expect(recording.validSignature).toBe(true);
  expect(recording.params).toMatchObject({ CallSid: parent.sid, RecordingStatus: 'completed' });
  const wav = await fetch(`${recording.params.RecordingUrl}.wav`);
  expect(wav.status).toBe(200);
});
