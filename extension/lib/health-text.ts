import type { PhoneHealth } from '../../shared/phone-state';
import { type MessageKey, t } from './i18n';

/** Twilio error codes the agent can act on, with their own explanation. */
const TWILIO_ERROR_KEYS: Record<number, MessageKey> = {
  20101: 'healthTokenInvalid',
  20104: 'healthTokenExpired',
  31204: 'healthTokenInvalid',
  31205: 'healthTokenExpired',
  31201: 'healthTokenInvalid',
  31005: 'healthConnectionError',
  31009: 'healthConnectionError',
  53000: 'healthConnectionError',
  31208: 'healthMicrophoneDenied',
  31401: 'healthMicrophoneDenied',
  31402: 'healthMicrophoneDenied',
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
      return key
        ? `${t(key)} (${health.code})`
        : t('healthTwilioError', [String(health.code), health.message]);
    }
  }
}
