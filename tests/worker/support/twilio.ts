/**
 * Requests as Twilio makes them: form posts signed like `getExpectedTwilioSignature` (the unit
 * tests prove the worker's signer equal to it; tests/fixtures holds requests signed by it).
 */

import { computeTwilioSignature } from '../../../worker/twilio/signature';
import vectors from '../../fixtures/twilio-signed-requests.json';
import type { SignedTwilioRequestVector } from '../../support/twilio-vectors';
import { TEST_SETTINGS } from '../settings';
import { callWorker } from './worker';

export const SIGNED_VECTORS = vectors as SignedTwilioRequestVector[];

export type FormParams = readonly (readonly [string, string])[] | Readonly<Record<string, string>>;

export function formPairs(params: FormParams): [string, string][] {
  return (Array.isArray(params) ? params : Object.entries(params)).map(([name, value]) => [name, value]);
}

export function signTwilio(
  path: string,
  params: FormParams,
  authToken: string = TEST_SETTINGS.TWILIO_AUTH_TOKEN,
) {
  return computeTwilioSignature(authToken, `${TEST_SETTINGS.PUBLIC_URL}${path}`, formPairs(params));
}

export function twilioInit(params: FormParams, signature: string | null): RequestInit {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  return { method: 'POST', headers, body: new URLSearchParams(formPairs(params)).toString() };
}

/** Posts as Twilio: signed with the test auth token unless a signature is given. */
export async function postAsTwilio(
  path: string,
  params: FormParams,
  signature?: string | null,
): Promise<Response> {
  const header = signature === undefined ? await signTwilio(path, params) : signature;
  return callWorker(path, twilioInit(params, header));
}

/** A fresh CallSid (CA + 32 hex digits), so tests never share calls. */
export { newCallSid } from '../../support/twilio-calls';
