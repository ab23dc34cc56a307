import { ApiError } from './http-error';

/**
 * The origin Twilio calls the worker on, from `PUBLIC_URL`: the base of every signature check and
 * every callback URL the worker hands to Twilio. A value that is not a URL is a configuration
 * error (503), not a crash.
 */
export function publicOrigin(publicUrl: string): string {
  try {
    const url = new URL(publicUrl);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // reported below
  }
  throw new ApiError(
    503,
    'not_configured',
    'PUBLIC_URL is not an http(s) URL: the worker cannot check Twilio.',
    {
      details: { invalid: ['PUBLIC_URL'] },
    },
  );
}

/** Absolute URL of one of the worker's own routes, as Twilio must call it. */
export function publicUrlOf(publicUrl: string, path: `/${string}`): string {
  return `${publicOrigin(publicUrl)}${path}`;
}
