import type { PhoneHealth } from '../../shared/phone-state';
import { type MessageKey, t } from './i18n';
import { CONNECTION_ERROR_CODES, MICROPHONE_ERROR_CODES } from './twilio-codes';

/** Each code of `codes` → `key`, for a table of sentences. */
function sameSentence(codes: ReadonlySet<number>, key: MessageKey): Record<number, MessageKey> {
  return Object.fromEntries([...codes].map((code) => [code, key]));
}

/** Twilio error codes the agent can act on, with their own explanation. */
const TWILIO_ERROR_KEYS: Record<number, MessageKey> = {
  20101: 'healthTokenInvalid',
  20104: 'healthTokenExpired',
  31204: 'healthTokenInvalid',
  31205: 'healthTokenExpired',
  31201: 'healthTokenInvalid',
  ...sameSentence(CONNECTION_ERROR_CODES, 'healthConnectionError'),
  ...sameSentence(MICROPHONE_ERROR_CODES, 'healthMicrophoneDenied'),
};

/**
 * Why the phone cannot take calls, in the agent's language: the popup, the badge's tooltip and
 * the options page all say it the same way. Branches on Twilio's numeric codes, never on text.
 * Codes below 1000 are the worker's: 0 when it could not be reached, else the HTTP status of its
 * refusal to give a token.
 */
export function healthText(health: PhoneHealth): string {
  switch (health.status) {
    case 'ready':
      return t('healthReady');
    case 'signed_out':
      return t('healthSignedOut');
    case 'no_microphone':
      return t('healthNoMicrophone');
    case 'starting':
      return t('healthStarting');
    case 'registering':
      return t('healthRegistering');
    case 'offline':
      return t('healthOffline');
    case 'error': {
      if (health.code === 0) return t('healthWorkerUnreachable');
      if (health.code < 1000) return t('healthWorkerError', String(health.code));
      const key = TWILIO_ERROR_KEYS[health.code];
      // A sentence with the code for the admin, never the SDK's own English message.
      return key ? `${t(key)} (${health.code})` : t('healthTwilioError', String(health.code));
    }
  }
}

/** Twilio call errors with their own sentence (the rest get a generic one with the code). */
const CALL_ERROR_KEYS: Record<number, MessageKey> = {
  ...sameSentence(CONNECTION_ERROR_CODES, 'callErrorNetwork'),
  ...sameSentence(MICROPHONE_ERROR_CODES, 'healthMicrophoneDenied'),
  31486: 'callErrorBusy',
  31480: 'callErrorNoAnswer',
  31404: 'callErrorNotFound',
};

/**
 * Why a call failed, as a sentence a person acts on. Code 0 is the extension's own failure,
 * whose message is already one of its sentences; a Twilio code gets its own sentence or a
 * generic one naming the code (for the admin), never `ConnectionError (31005): Error sent…`.
 */
export function callErrorText(error: { code: number; message: string }): string {
  if (error.code === 0) return error.message;
  const key = CALL_ERROR_KEYS[error.code];
  return key ? t(key) : t('callErrorGeneric', String(error.code));
}

/** Errors that come from the connection: shown only until the phone is up again. */
export function isConnectionError(code: number): boolean {
  return CONNECTION_ERROR_CODES.has(code);
}
