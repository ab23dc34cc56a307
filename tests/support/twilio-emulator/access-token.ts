import { errors, jwtVerify } from 'jose';

/** Signaling error codes for tokens; the SDK maps them to 20101 / 20104. */
export const TOKEN_INVALID = 31204;
export const TOKEN_EXPIRED = 31205;

export interface AccessTokenKeys {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface VerifiedAccessToken {
  ok: true;
  identity: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** `grants.voice.outgoing.application_sid`, when the token may place calls. */
  outgoingApplicationSid: string | undefined;
  incomingAllowed: boolean;
}

export interface RejectedAccessToken {
  ok: false;
  code: typeof TOKEN_INVALID | typeof TOKEN_EXPIRED;
  message: string;
}

const IDENTITY = /^[A-Za-z0-9_]{1,121}$/;

/**
 * Checks a Voice access token the way Twilio's signaling edge does: HS256 signed with the API
 * key secret, header `cty: twilio-fpa;v=1`, `iss` = API key SID, `sub` = account SID, a valid
 * identity and a voice grant. Expired (and otherwise valid) → 31205; anything else → 31204.
 */
export async function verifyAccessToken(
  token: unknown,
  keys: AccessTokenKeys,
): Promise<VerifiedAccessToken | RejectedAccessToken> {
  if (typeof token !== 'string' || token === '') return invalid('Access token is missing');
  try {
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(keys.apiKeySecret), {
      algorithms: ['HS256'],
      issuer: keys.apiKeySid,
      subject: keys.accountSid,
      requiredClaims: ['exp'],
    });
    if (protectedHeader.cty !== 'twilio-fpa;v=1')
      return invalid('Access token header has no cty twilio-fpa;v=1');
    const grants = payload.grants as
      | {
          identity?: unknown;
          voice?: { incoming?: { allow?: unknown }; outgoing?: { application_sid?: unknown } };
        }
      | undefined;
    if (typeof grants?.identity !== 'string' || !IDENTITY.test(grants.identity)) {
      return invalid('Access token identity is missing or invalid');
    }
    if (typeof grants.voice !== 'object' || grants.voice === null)
      return invalid('Access token has no voice grant');
    const applicationSid = grants.voice.outgoing?.application_sid;
    return {
      ok: true,
      identity: grants.identity,
      expiresAt: payload.exp!,
      outgoingApplicationSid: typeof applicationSid === 'string' ? applicationSid : undefined,
      incomingAllowed: grants.voice.incoming?.allow === true,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, code: TOKEN_EXPIRED, message: 'JWT token expired' };
    }
    return invalid(`Invalid access token: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function invalid(message: string): RejectedAccessToken {
  return { ok: false, code: TOKEN_INVALID, message };
}
