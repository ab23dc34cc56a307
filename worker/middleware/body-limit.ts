import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../http-error';

/**
 * Every body the worker takes is small (a sign-in, Twilio's form posts of a few hundred bytes);
 * anything bigger is refused before it is read.
 */
export const MAX_BODY_BYTES = 16 * 1024;

export function limitBody(maxBytes: number = MAX_BODY_BYTES) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    },
  });
}
