import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/errors';
import { MissingSettingsError } from '../env';
import { ApiError, errorBody } from '../http-error';
import { describeError, writeLog } from '../log';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'not_configured',
};

/** `app.onError`: every failure leaves as the JSON error shape; unknown errors never leak details. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof MissingSettingsError) {
    // Names only: a value, even a partial one, never leaves the worker.
    return c.json(errorBody('not_configured', err.message, { missing: err.missing }), 503);
  }
  if (/\bno such (table|column)\b/.test(err.message)) {
    // The one server-side failure an admin causes and can fix in a minute (a new deployment, or
    // an upgrade whose migration was not applied): say how.
    return c.json(
      errorBody('not_configured', 'The D1 database is not migrated: run `wrangler d1 migrations apply DB`.'),
      503,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(CODE_BY_STATUS[status] ?? 'bad_request', err.message || 'Bad request.'), status);
  }
  writeLog('error', 'unhandled', { path: c.req.path, error: describeError(err) });
  return c.json(errorBody('internal', 'Something went wrong on the worker. Try again.'), 500);
}

/** `app.notFound` */
export function handleNotFound(c: Context): Response {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
}
