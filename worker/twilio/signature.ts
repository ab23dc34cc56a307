/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1, keyed with the account's
 * auth token, over the full URL Twilio called followed by every POST parameter's name and value,
 * sorted by name. Built on Web Crypto only, so it runs the same in workerd and in Node tests, where
 * the `twilio` package's `getExpectedTwilioSignature` is the oracle.
 */

/** Form parameters as Twilio posts them; a name may repeat. */
export type SignedParams = Iterable<readonly [name: string, value: string]>;

/**
 * The exact string Twilio signs. Repeated names are handled as the `twilio` package does (values
 * of one name sorted, duplicates once), though Twilio itself never repeats a name.
 */
export function signedPayload(url: string, params: SignedParams): string {
  const valuesByName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = valuesByName.get(name) ?? new Set<string>();
    values.add(value);
    valuesByName.set(name, values);
  }
  let payload = url;
  // Default sort (UTF-16 code units), as Twilio and its libraries sort.
  for (const name of [...valuesByName.keys()].sort()) {
    for (const value of [...valuesByName.get(name)!].sort()) payload += name + value;
  }
  return payload;
}

const encoder = new TextEncoder();

async function hmacSha1Base64(key: string, data: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The signature Twilio sends for a request to `url` with these parameters. */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: SignedParams,
): Promise<string> {
  return hmacSha1Base64(authToken, signedPayload(url, params));
}

/**
 * Compares two strings in time that depends only on their length (which is public: a SHA-1
 * signature is always 28 base64 characters). The strings are compared as sent, not decoded, so
 * a signature re-encoded with different padding bits does not pass.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export async function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: SignedParams,
  signature: string,
): Promise<boolean> {
  const expected = await computeTwilioSignature(authToken, url, params);
  return constantTimeEqual(expected, signature);
}
