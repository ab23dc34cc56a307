import { createMiddleware } from 'hono/factory';
import { type Env, readSettings } from '../env';
import { ApiError } from '../http-error';
import type { LogFields } from '../log';
import { publicOrigin } from '../public-url';
import { isValidTwilioSignature } from '../twilio/signature';

/** Twilio's form parameters, first value of each name, once the signature has been checked. */
export type TwilioParams = Readonly<Record<string, string>>;

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Path and query exactly as received (`new URL` would re-encode some characters). */
function rawPathAndQuery(url: string): string {
  const afterScheme = url.indexOf('//') + 2;
  const pathStart = url.indexOf('/', afterScheme);
  return pathStart === -1 ? '/' : url.slice(pathStart);
}

/**
 * Every Twilio route sits behind this: `X-Twilio-Signature` must be the HMAC-SHA1 (auth token)
 * of `PUBLIC_URL` + path + query + the sorted form parameters, compared in constant time. The
 * public URL comes from the setting, never from the request's Host, which a proxy may rewrite
 * and an attacker may choose. Missing or wrong: 403 before any handler runs, so nothing changes.
 */
export function twilioSignature() {
  return createMiddleware<{ Bindings: Env; Variables: { twilioParams: TwilioParams; logFields: LogFields } }>(
    async function twilioSignature(c, next) {
      const { TWILIO_AUTH_TOKEN, PUBLIC_URL } = readSettings(c.env, ['TWILIO_AUTH_TOKEN', 'PUBLIC_URL']);
      const signature = c.req.header('X-Twilio-Signature');
      if (!signature)
        throw new ApiError(403, 'forbidden', 'Missing X-Twilio-Signature: only Twilio may call this route.');

      const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== FORM_MEDIA_TYPE) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          `Twilio posts ${FORM_MEDIA_TYPE}; this request is not.`,
        );
      }
      const form = [...new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()))];
      const url = `${publicOrigin(PUBLIC_URL)}${rawPathAndQuery(c.req.url)}`;
      if (!(await isValidTwilioSignature(TWILIO_AUTH_TOKEN, url, form, signature))) {
        throw new ApiError(403, 'forbidden', 'Invalid X-Twilio-Signature: only Twilio may call this route.');
      }

      // No prototype: a parameter named `__proto__` stays a plain value.
      const params: Record<string, string> = Object.create(null);
      for (const [name, value] of form) if (!Object.hasOwn(params, name)) params[name] = value;
      c.set('twilioParams', params);
      const logFields = c.get('logFields');
      if (logFields) {
        logFields.callSid = params.CallSid;
        // A dialled leg's callbacks name their call too: `wrangler tail --search <the call's SID>` finds them.
        logFields.parentCallSid = params.ParentCallSid;
      }
      await next();
    },
  );
}
