import type { CallSummary, LoginResponse, TokenResponse } from '../../../../shared/api';
import type { ErrorCode } from '../../../../shared/errors';

export const WORKER_URL = 'https://calls.example.test';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

/**
 * A fake of the worker's HTTP API for the background's unit tests, speaking its wire format
 * (shared/api.ts, shared/errors.ts). Each route answers what the test set, and every request
 * is recorded; a route the test did not expect answers 404 like a worker that lacks it.
 */
export function createFakeWorker() {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, (request: RecordedRequest) => Reply | Promise<Reply>>();

  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    requests.push(request);
    const handler = routes.get(`${request.method} ${request.path}`) ?? routes.get(`${request.method} *`);
    const reply = handler ? await handler(request) : error(404, 'not_found', 'No such route.');
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };

  return {
    url: WORKER_URL,
    requests,
    fetch: fetchImpl,
    /** A handler may answer later (a promise): a worker that is slow, or never answers. */
    on(route: string, handler: (request: RecordedRequest) => Reply | Promise<Reply>) {
      routes.set(route, handler);
    },
    /** Requests to one path, in order. */
    to(path: string) {
      return requests.filter((request) => request.path === path);
    },
  };
}

export type FakeWorker = ReturnType<typeof createFakeWorker>;

/** The worker's error shape; `details` and `headers` (e.g. Retry-After) when it sends them. */
export function error(
  status: number,
  code: ErrorCode,
  message: string,
  extra: { details?: unknown; headers?: Record<string, string> } = {},
): { status: number; body: unknown; headers?: Record<string, string> } {
  const body = {
    error: { code, message, ...(extra.details === undefined ? {} : { details: extra.details }) },
  };
  return extra.headers ? { status, body, headers: extra.headers } : { status, body };
}

export const AGENT = { uid: 7, name: 'Marc Demo', login: 'marc@example.com', identity: 'odoo_7' };

export function loginOk(): { status: number; body: LoginResponse } {
  return { status: 200, body: { session: 'session-abc', expiresAt: '2099-01-01T00:00:00Z', agent: AGENT } };
}

export function tokenOk(signalingUrl?: string): { status: number; body: TokenResponse } {
  return {
    status: 200,
    body: {
      token: 'eyJ.token',
      identity: 'odoo_7',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      ...(signalingUrl ? { signalingUrl } : {}),
    },
  };
}

export function callsOk(calls: CallSummary[]): { status: number; body: { calls: CallSummary[] } } {
  return { status: 200, body: { calls } };
}
