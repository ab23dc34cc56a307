/** The `twilio` package as the oracle for request signatures (Node only). */
import twilio from 'twilio';
import {
  type SignedTwilioRequestVector,
  TWILIO_REQUEST_VECTORS,
  VECTOR_AUTH_TOKEN,
  VECTOR_PUBLIC_URL,
} from './twilio-vectors';

/** Form parameters as an Express body parser hands them to `twilio`: repeated names become arrays. */
export function paramsObject(
  params: readonly (readonly [string, string])[],
): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const existing = object[name];
    object[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return object;
}

export function oracleSignature(
  authToken: string,
  url: string,
  params: readonly (readonly [string, string])[],
): string {
  return twilio.getExpectedTwilioSignature(authToken, url, paramsObject(params));
}

export function signVectorsWithTwilio(): SignedTwilioRequestVector[] {
  return TWILIO_REQUEST_VECTORS.map((vector) => ({
    ...vector,
    signature: oracleSignature(VECTOR_AUTH_TOKEN, `${VECTOR_PUBLIC_URL}${vector.path}`, vector.params),
  }));
}
