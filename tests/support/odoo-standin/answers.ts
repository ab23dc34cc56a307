/**
 * HTTP answers as plain data, so the same engine can answer through `node:http` (server.ts) or
 * as a `Response` inside a test's fake `fetch` (core.ts): JSON, werkzeug-style error pages,
 * Odoo's plain-text 400s, or `drop` (the connection closes with no answer at all).
 */

export interface ResponseAnswer {
  kind: 'response';
  status: number;
  contentType: string;
  body: string;
}

export type HttpAnswer = ResponseAnswer | { kind: 'drop' };

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Thrown while reading a request body over `MAX_BODY_BYTES`. */
export class BodyTooLarge extends Error {}

export function jsonAnswer(status: number, body: unknown): ResponseAnswer {
  return { kind: 'response', status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** A short text body, as Odoo answers a body that is not JSON-RPC ("Invalid JSON data"). */
export function plainAnswer(status: number, text: string): ResponseAnswer {
  return { kind: 'response', status, contentType: 'text/html; charset=utf-8', body: text };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const DESCRIPTIONS: Record<number, string> = {
  500: 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  502: 'The proxy server received an invalid response from an upstream server.',
  503: 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
  504: 'The connection to an upstream server timed out.',
};

/** An HTML error page like werkzeug's (what Odoo and its proxies send outside JSON-RPC). */
export function errorPage(status: number, description?: string): ResponseAnswer {
  const reason = REASONS[status] ?? 'Error';
  const text = description ?? DESCRIPTIONS[status] ?? reason;
  return {
    kind: 'response',
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html>\n<html lang=en>\n<title>${status} ${reason}</title>\n<h1>${reason}</h1>\n<p>${text}</p>\n`,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
