/**
 * Bad bodies on every POST route: always a 4xx in the JSON error shape, never a 500, and no
 * change in D1.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../worker/middleware/body-limit';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { postAsTwilio, signTwilio } from './support/twilio';
import {
  callWorker,
  callWorkerWith,
  clearDatabase,
  databaseSnapshot,
  expectApiError,
} from './support/worker';

installStrictFetch();
let authorization: Record<string, string>;
beforeEach(async () => {
  await clearDatabase();
  authorization = (await seedAgent(7, { tokenExpiresAt: Date.now() + 3600_000 })).authorization;
});

const ROUTES = [
  '/auth/login',
  '/token',
  '/twiml/outbound',
  '/twiml/inbound',
  '/webhooks/call-status',
] as const;
const TWILIO_ROUTES = ROUTES.filter((route) => route.startsWith('/twiml') || route.startsWith('/webhooks'));

/** Headers that get a request past authentication, so the body itself is what is judged. */
async function credentials(route: string, body: string | Uint8Array): Promise<Record<string, string>> {
  if (route === '/token') return authorization;
  if (!TWILIO_ROUTES.includes(route as (typeof TWILIO_ROUTES)[number])) return {};
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  return { 'X-Twilio-Signature': await signTwilio(route, [...new URLSearchParams(text)]) };
}

async function expectClientError(response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  expect(JSON.parse(text)).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
}

/** Deterministic junk, so a failure can be replayed. */
function junk(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[i] = state % 256;
  }
  return bytes;
}

describe.each(ROUTES)('POST %s', (route) => {
  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413`, async () => {
    const body = 'a='.padEnd(MAX_BODY_BYTES + 1, 'x');
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      const response = await callWorker(route, {
        method: 'POST',
        headers: { 'Content-Type': contentType, ...authorization },
        body,
      });
      await expectApiError(response, 413, 'payload_too_large');
    }
  });

  it('refuses an oversized body sent without Content-Length (chunked)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await callWorkerWith({}, route, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorization },
      body: stream,
    });
    await expectApiError(response, 413, 'payload_too_large');
  });

  it('answers junk of every kind with a 4xx JSON error and changes nothing', async () => {
    const before = await databaseSnapshot();
    const bodies: (string | Uint8Array)[] = [
      '',
      '{',
      'null',
      '[]',
      '"text"',
      '{"login":',
      'CallSid=&CallStatus=',
      'CallSid=CA123&From=client:odoo_7&To=%2B33612345678',
      '%E0%A4%A&%',
      '\u0000\u0001\u0002',
      new Uint8Array([0xff, 0xfe, 0xfd, 0x00, 0xc3]),
      ...Array.from({ length: 20 }, (_, seed) => junk(seed, 1 + ((seed * 97) % 600))),
    ];
    const contentTypes = [
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
    ];
    // /token takes an empty body as `{}` (tested with the route): not junk there.
    for (const body of bodies.filter((candidate) => route !== '/token' || candidate !== '')) {
      for (const contentType of contentTypes) {
        const headers: Record<string, string> = { ...(await credentials(route, body)) };
        if (contentType) headers['Content-Type'] = contentType;
        await expectClientError(await callWorkerWith({}, route, { method: 'POST', headers, body }));
      }
    }
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe('parameter names that mean something to JavaScript', () => {
  it('are plain parameters to the Twilio routes', async () => {
    const response = await postAsTwilio('/webhooks/call-status', [
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['CallSid', `CA${'1'.repeat(32)}`],
      ['CallStatus', 'ringing'],
      ['hasOwnProperty', 'z'],
    ]);
    expect(response.status).toBe(204);
  });

  it('cannot make a JSON body something else', async () => {
    const response = await callWorker('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"__proto__": {"login": "admin", "password": "x"}}',
    });
    await expectApiError(response, 400, 'bad_request');
  });
});
