import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { type Env, listSetting } from '../env';
import { ApiError } from '../http-error';

const allowExtension = cors({
  origin: (origin) => origin,
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type'],
  maxAge: 600,
});

/**
 * CORS for the extension's origins (`EXTENSION_ORIGINS`) only. A request from any other web
 * origin is refused outright (403, no CORS headers), preflight included; requests without an
 * `Origin` (Twilio, monitors, curl) are not a CORS matter and pass untouched.
 */
export function extensionCors() {
  return createMiddleware<{ Bindings: Env }>(async function extensionCors(c, next) {
    const origin = c.req.header('Origin');
    if (origin === undefined) return next();
    if (!listSetting(c.env.EXTENSION_ORIGINS).includes(origin)) {
      throw new ApiError(
        403,
        'forbidden',
        `Requests from ${origin} are not allowed (see EXTENSION_ORIGINS).`,
      );
    }
    return allowExtension(c, next);
  });
}
