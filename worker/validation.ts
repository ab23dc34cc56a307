/**
 * Request validation at the route, with zod (the `/mini` build: a few KB in the bundle). Every
 * failure leaves as the one JSON error shape: 415 for a body that is not JSON, 400 for JSON that
 * does not parse or does not fit, with the offending fields in `details`.
 */
import type { MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import { ApiError } from './http-error';

export interface FieldProblem {
  /** Dotted path of the field, `(body)` for the body as a whole. */
  field: string;
  problem: string;
}

function fieldProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    problem: issue.code,
  }));
}

/** Throws 400 with the fields that do not fit `schema`, else returns the parsed value. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  const fields = [...new Set(problems.map((problem) => problem.field))].join(', ');
  throw new ApiError(400, 'bad_request', `Invalid ${what}: check ${fields}.`, { details: problems });
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** A UTF-16 surrogate without its other half: JSON's `\ud800` escapes can spell one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether every string in a parsed JSON value (keys too) is well-formed Unicode. A lone surrogate
 * is no character at all: Odoo's database cannot store it and a note would come out mangled.
 */
function isWellFormedText(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(isWellFormedText);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, item]) => !LONE_SURROGATE.test(key) && isWellFormedText(item));
  }
  return true;
}

export interface JsonBodyOptions {
  /** Accept a request without a body (as `{}`), e.g. `POST /token`. */
  optional?: boolean;
}

/**
 * Validates a JSON body; the handler reads it with `c.req.valid('json')`. Reads the body once, as
 * bytes, so an empty body can be told apart from one that is not JSON.
 */
export function jsonBody<S extends z.ZodMiniType>(
  schema: S,
  options: JsonBodyOptions = {},
): MiddlewareHandler<object, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async function jsonBody(c, next) {
    // Bytes first: workerd warns when text() is called on a body whose type is not text.
    const bytes = await c.req.arrayBuffer();
    let value: unknown;
    if (bytes.byteLength === 0 && options.optional) {
      value = {};
    } else {
      const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
      if (!JSON_MEDIA_TYPE.test(mediaType)) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          'Send the request body as JSON (Content-Type: application/json).',
        );
      }
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
      } catch {
        throw new ApiError(400, 'bad_request', 'The request body is not valid JSON (UTF-8).');
      }
      if (!isWellFormedText(value)) {
        throw new ApiError(400, 'bad_request', 'The request body has text that is not well-formed Unicode.');
      }
    }
    c.req.addValidatedData('json', parseOrThrow(schema, value, 'request body') as object);
    await next();
  };
}
