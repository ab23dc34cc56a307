/**
 * Driving a running worker (under `wrangler dev`) as Twilio and as the extension would: signed
 * form posts (signed by the `twilio` package, the oracle), sign-in, wrap-ups, history. For the
 * end-to-end tests and benchmarks of call logging; Node only.
 */
import type { CallsResponse, LoginResponse } from '../../shared/api';
import { type CallEnd, callbacks, newCallSid, type TestCall } from './twilio-calls';
import { oracleSignature } from './twilio-oracle';

export interface WorkerTarget {
  /** Where the worker listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** `PUBLIC_URL`: what Twilio signs. */
  publicUrl: string;
  /** `TWILIO_AUTH_TOKEN` */
  authToken: string;
}

export async function postAsTwilio(
  target: WorkerTarget,
  path: string,
  params: Record<string, string>,
): Promise<Response> {
  const pairs = Object.entries(params);
  return fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': oracleSignature(target.authToken, `${target.publicUrl}${path}`, pairs),
    },
    body: new URLSearchParams(pairs).toString(),
  });
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

/** Signs in with Odoo credentials, as the options page does; returns the session. */
export async function signIn(target: WorkerTarget, login: string, password: string): Promise<LoginResponse> {
  const response = await fetch(`${target.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return (await (await expectOk(response, 'sign-in')).json()) as LoginResponse;
}

/** A call placed from the agent's browser (Twilio asking `/twiml/outbound`). */
export async function placeCall(
  target: WorkerTarget,
  agentUid: number,
  to: string,
  record?: { model: string; id: number },
): Promise<TestCall> {
  const sid = newCallSid();
  const response = await postAsTwilio(target, '/twiml/outbound', {
    CallSid: sid,
    From: `client:odoo_${agentUid}`,
    To: to,
    ...(record ? { OdooModel: record.model, OdooId: String(record.id) } : {}),
  });
  const twiml = await (await expectOk(response, 'outbound TwiML')).text();
  if (!twiml.includes('<Dial')) throw new Error(`The worker did not dial: ${twiml}`);
  return { sid, leg: newCallSid(), to };
}

/** Twilio reporting the call's end (every callback, in order). */
export async function endCall(
  target: WorkerTarget,
  call: TestCall,
  outcome: CallEnd = 'answered',
): Promise<void> {
  for (const params of callbacks(call, outcome)) {
    await expectOk(await postAsTwilio(target, '/webhooks/call-status', params), 'status callback');
  }
}

export async function wrapUp(
  target: WorkerTarget,
  session: string,
  sid: string,
  body: { disposition: string; note?: string },
): Promise<void> {
  const response = await fetch(`${target.url}/calls/${sid}/wrap-up`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await expectOk(response, 'wrap-up');
}

export async function history(target: WorkerTarget, session: string): Promise<CallsResponse['calls']> {
  const response = await fetch(`${target.url}/calls`, { headers: { Authorization: `Bearer ${session}` } });
  return ((await (await expectOk(response, 'history')).json()) as CallsResponse).calls;
}

/** Polls until `condition` holds (a real process works at its own pace), or fails after `timeoutMs`. */
export async function eventually<T>(
  condition: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
