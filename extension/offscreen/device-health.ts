import type { PhoneHealth } from '../../shared/phone-state';

/** The phone's health after a Device error (Twilio's numeric code and message, as given). */
export function healthForDeviceError(error: { code?: number; message?: string }): PhoneHealth {
  return { status: 'error', code: error.code ?? 31000, message: error.message ?? 'Unknown error' };
}

/**
 * The phone's health when the worker did not give a token. The background answers `fetchToken`
 * failures with the worker's HTTP status as the code, `network`, or `not_signed_in`.
 */
export function healthForTokenFailure(error: { code: string; message: string }): PhoneHealth {
  if (error.code === 'not_signed_in') return { status: 'signed_out' };
  const status = Number(error.code);
  return {
    status: 'error',
    code: Number.isInteger(status) && status > 0 && status < 1000 ? status : 0,
    message: error.message,
  };
}
