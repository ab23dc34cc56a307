import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode } from '../shared/errors';

/** Builds the one JSON error body the worker answers with. */
export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return {
    error: details === undefined ? { code, message } : { code, message, details },
  };
}

/** Throw from anywhere in a request: the app's `onError` turns it into the JSON error shape. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }
}
