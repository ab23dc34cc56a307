/**
 * HS256 JSON Web Tokens on Web Crypto, for Twilio access tokens and agent sessions. Small on
 * purpose (a JWT library would be ~6 KB gzip of the worker's 60 KB budget) and strict where it
 * matters: only HS256, constant-time MAC check (`crypto.subtle.verify`), canonical base64url.
 * Claims are written in the order given, which lets access tokens match the `twilio` package's
 * byte for byte.
 */

const encoder = new TextEncoder();

export type JsonObject = Record<string, unknown>;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; null for anything else, including non-canonical text. */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  // Unused low bits of the last character must be zero: one token, one spelling.
  return base64url(bytes) === text ? bytes : null;
}

function parseJsonObject(part: string): JsonObject | null {
  const bytes = fromBase64url(part);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

/** `header` must say `alg: 'HS256'`; it is written as given (extra fields such as `cty` kept). */
export async function signHs256(header: JsonObject & { alg: 'HS256' }, claims: JsonObject, secret: string) {
  const signingInput = `${base64url(encoder.encode(JSON.stringify(header)))}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(signingInput));
  return `${signingInput}.${base64url(new Uint8Array(mac))}`;
}

/**
 * The header and claims of a token whose HS256 signature is valid for `secret`, else null. The
 * header must name HS256 itself: a token cannot talk the verifier into another algorithm.
 * Claims (expiry, audience…) are the caller's to check.
 */
export async function verifyHs256(
  token: string,
  secret: string,
): Promise<{ header: JsonObject; claims: JsonObject } | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [encodedHeader, encodedClaims, encodedSignature] = parts as [string, string, string];
  const header = parseJsonObject(encodedHeader);
  const signature = fromBase64url(encodedSignature);
  if (header?.alg !== 'HS256' || !signature) return null;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    signature,
    encoder.encode(`${encodedHeader}.${encodedClaims}`),
  );
  if (!valid) return null;
  const claims = parseJsonObject(encodedClaims);
  return claims ? { header, claims } : null;
}
