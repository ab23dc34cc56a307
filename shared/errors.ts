/**
 * The one error shape every 4xx/5xx JSON answer of the worker uses, and the codes the
 * extension branches on. UI code switches on `code`, never on the English `message`.
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'not_configured',
  'odoo_unreachable',
  'odoo_error',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    /** One sentence a person can act on. Never contains a secret or a stack trace. */
    message: string;
    /** Machine-readable extras, e.g. which settings are missing or which field failed validation. */
    details?: unknown;
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
