import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isApiErrorBody } from '../../../shared/errors.ts';
import { type FakeVoiceApp, startFakeVoiceApp } from '../../support/twilio-emulator/fake-voice-app.ts';
import {
  type CallSnapshot,
  startTwilioEmulator,
  type TwilioEmulator,
} from '../../support/twilio-emulator/index.ts';
import { emulatorOptionsFor, TEST_ACCOUNT } from '../../support/twilio-emulator/test-credentials.ts';

// The control API over HTTP, as a test or the local demo uses it when the emulator runs in
// another process (main.ts).

let app: FakeVoiceApp;
let emulator: TwilioEmulator;

beforeAll(async () => {
  app = await startFakeVoiceApp(TEST_ACCOUNT.authToken);
  app.on('/twiml/inbound', () => '<Response><Dial><Number>+33687654321</Number></Dial></Response>');
  emulator = await startTwilioEmulator(emulatorOptionsFor(app.url, { sayMs: 10 }));
});

afterAll(async () => {
  await emulator.close();
  await app.close();
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Opens a signaling socket as a Device would; says whether it opened or how it was refused. */
function openSignalingSocket(): Promise<string> {
  const socket = new WebSocket(`wss://${emulator.signalingHost}/signal`, { rejectUnauthorized: false });
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (request, response) => {
      request.destroy();
      resolve(`refused: ${response.statusCode}`);
    });
  });
}

describe('control API', () => {
  it('says where signaling is', async () => {
    expect(await control('GET', '/health')).toEqual({
      status: 200,
      body: { signalingHost: emulator.signalingHost, controlUrl: emulator.controlUrl },
    });
    expect(emulator.signalingHost).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('places an inbound call, waits for its leg to be answered, and hangs it up from the far side', async () => {
    expect(
      (
        await control('PUT', `/callees/${encodeURIComponent('+33687654321')}`, {
          outcome: 'answer',
          ringMs: 10,
        })
      ).status,
    ).toBe(204);
    const placed = await control('POST', '/calls', { from: '+33612345678', to: TEST_ACCOUNT.number });
    expect(placed.status).toBe(201);
    const parent = placed.body as CallSnapshot;
    const answered = await control('POST', '/wait', {
      for: 'call',
      match: { kind: 'number-leg', parentCallSid: parent.sid, status: 'in-progress' },
      timeoutMs: 5000,
    });
    expect(answered.status).toBe(200);
    expect((await control('GET', `/calls/${parent.sid}`)).body.legs).toEqual([answered.body.sid]);

    expect((await control('POST', `/calls/${parent.sid}/hangup`)).body.status).toBe('completed');
    const again = await control('POST', `/calls/${parent.sid}/hangup`);
    expect(again.status).toBe(409);
    expect(isApiErrorBody(again.body) && again.body.error.code).toBe('conflict');
    await control('POST', '/wait', { for: 'call', match: { sid: answered.body.sid, status: 'completed' } });
    const webhooks = (await control('GET', '/webhooks')).body as Array<{ kind: string; status: number }>;
    expect(webhooks[0]).toMatchObject({ kind: 'twiml', status: 200 });
  });

  it('sets and reads callback faults', async () => {
    expect((await control('PUT', '/faults', { duplicate: true, delayMs: 5 })).body).toMatchObject({
      duplicate: true,
      delayMs: 5,
      order: 'in-order',
    });
    expect((await control('GET', '/faults')).body.duplicate).toBe(true);
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/faults')).body.duplicate).toBe(false);
  });

  it('keeps signaling down until it is restored, as a network that stays down', async () => {
    expect(await control('POST', '/signaling/drop', { stayDown: true })).toEqual({
      status: 204,
      body: undefined,
    });
    expect(await openSignalingSocket()).toBe('refused: 503');
    expect((await control('GET', '/signaling')).body).toEqual({ refused: 1 });
    expect((await control('POST', '/signaling/restore')).status).toBe(204);
    expect(await openSignalingSocket()).toBe('open');
    // A drop alone lets the Devices reconnect at once.
    expect((await control('POST', '/signaling/drop')).status).toBe(204);
    expect(await openSignalingSocket()).toBe('open');
    expect((await control('GET', '/signaling')).body).toEqual({ refused: 1 });
  });

  it.each([
    ['a caller that is not E.164', 'POST', '/calls', { from: '0612345678', to: TEST_ACCOUNT.number }, 400],
    [
      'a number the emulator does not have',
      'POST',
      '/calls',
      { from: '+33612345678', to: '+33199999999' },
      404,
    ],
    ['an unknown call', 'GET', `/calls/CA${'f'.repeat(32)}`, undefined, 404],
    ['a body that is not JSON', 'POST', '/calls', '{not json', 400],
    ['an unknown callee outcome', 'PUT', '/callees/%2B33600000000', { outcome: 'maybe' }, 400],
    ['a negative ring time', 'PUT', '/callees/%2B33600000000', { outcome: 'answer', ringMs: -1 }, 400],
    ['an unknown fault order', 'PUT', '/faults', { order: 'random' }, 400],
    ['a drop whose stayDown is not a boolean', 'POST', '/signaling/drop', { stayDown: 'yes' }, 400],
    ['a wait for something unknown', 'POST', '/wait', { for: 'nothing' }, 400],
    [
      'a wait that times out',
      'POST',
      '/wait',
      { for: 'call', match: { sid: 'CA-none' }, timeoutMs: 50 },
      408,
    ],
    [
      'an unknown recording',
      'GET',
      `/2010-04-01/Accounts/${TEST_ACCOUNT.accountSid}/Recordings/RE${'0'.repeat(32)}.wav`,
      undefined,
      404,
    ],
    ['an unknown route', 'DELETE', '/calls', undefined, 404],
  ])('answers %s with a JSON error', async (_, method, path, body, status) => {
    const response = await control(method, path, body);
    expect(response.status).toBe(status);
    expect(isApiErrorBody(response.body)).toBe(true);
  });
});
