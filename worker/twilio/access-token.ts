/**
 * Twilio Voice access tokens, byte for byte what the `twilio` package's `AccessToken` +
 * `VoiceGrant` produce (header and claim order included), signed on Web Crypto so the worker
 * does not carry the `twilio` package (~550 KB gzip).
 */
import { signHs256 } from '../jwt';

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
  // Header and claim order as jsonwebtoken writes them for the twilio package.
  const token = await signHs256(
    { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' },
    {
      jti: `${input.apiKeySid}-${input.issuedAt}`,
      grants: {
        identity: input.identity,
        voice: {
          incoming: { allow: true },
          outgoing: { application_sid: input.twimlAppSid },
        },
      },
      iat: input.issuedAt,
      exp: expiresAt,
      iss: input.apiKeySid,
      sub: input.accountSid,
    },
    input.apiKeySecret,
  );
  return { token, expiresAt };
}
