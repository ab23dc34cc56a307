/**
 * Twilio Voice access tokens, byte for byte what the `twilio` package's `AccessToken` +
 * `VoiceGrant` produce (header and claim order included), signed with `jose` on Web Crypto so
 * the worker does not carry the `twilio` package (~550 KB gzip).
 */
import { SignJWT } from 'jose';

/** One hour, as Twilio's own libraries default to. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/**
 * Bounds for the `TOKEN_TTL_SECONDS` override (local development and tests). Twilio refuses
 * tokens that live longer than 24 h; below 15 s the SDK's refresh (10 s before expiry) would
 * leave almost no valid time.
 */
export const TOKEN_TTL_BOUNDS = { min: 15, max: 86_400 } as const;

/** Identity rules of the Voice SDK: letters, digits and underscore, at most 121 characters. */
const IDENTITY_PATTERN = /^[A-Za-z0-9_]{1,121}$/;

export interface VoiceTokenInput {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** The TwiML App whose voice URL answers calls placed from the browser. */
  twimlAppSid: string;
  identity: string;
  ttlSeconds: number;
  /** Seconds since the epoch; the token is issued at this instant. */
  issuedAt: number;
}

export interface VoiceToken {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** The `TOKEN_TTL_SECONDS` override if it is a whole number of seconds within bounds, else null. */
export function parseTokenTtl(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const seconds = Number(value.trim());
  return seconds >= TOKEN_TTL_BOUNDS.min && seconds <= TOKEN_TTL_BOUNDS.max ? seconds : null;
}

export async function createVoiceToken(input: VoiceTokenInput): Promise<VoiceToken> {
  if (!IDENTITY_PATTERN.test(input.identity)) {
    throw new Error(`Invalid Twilio client identity: ${JSON.stringify(input.identity)}`);
  }
  const expiresAt = input.issuedAt + input.ttlSeconds;
  // Claim order as jsonwebtoken writes it for the twilio package: jti, grants, iat, exp, iss, sub.
  const token = await new SignJWT({
    jti: `${input.apiKeySid}-${input.issuedAt}`,
    grants: {
      identity: input.identity,
      voice: {
        incoming: { allow: true },
        outgoing: { application_sid: input.twimlAppSid },
      },
    },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    .setIssuedAt(input.issuedAt)
    .setExpirationTime(expiresAt)
    .setIssuer(input.apiKeySid)
    .setSubject(input.accountSid)
    .sign(new TextEncoder().encode(input.apiKeySecret));
  return { token, expiresAt };
}
