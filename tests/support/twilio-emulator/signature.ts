import { createHmac } from 'node:crypto';

/**
 * `X-Twilio-Signature` exactly as Twilio computes it: base64 HMAC-SHA1, keyed with the auth
 * token, over the full URL followed by every POST parameter name and value, sorted by name
 * (code-unit order, as Twilio's own helper sorts). For GET requests the parameters are in the
 * URL's query string and `params` is empty.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => signed + name + params[name], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}
