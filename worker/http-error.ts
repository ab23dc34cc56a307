import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode } from '../shared/errors';

/** Builds the one JSON error body the worker answers with. */
export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return {
    error: details === undefined ? { code, message } : { code, message, details },
  };
}

export interface ApiErrorOptions {
  /** Machine-readable extras for the body's `details`. */
  details?: unknown;
  /** Extra response headers, e.g. `Retry-After` on 429 or `WWW-Authenticate` on 401. */
  headers?: Record<string, string>;
}

/** Throw from anywhere in a request: the app's `onError` turns it into the JSON error shape. */
export class ApiError extends HTTPException {
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(status, { message });
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
