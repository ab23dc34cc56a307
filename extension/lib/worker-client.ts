import type {
  CallSummary,
  CallsResponse,
  LoginRequest,
  LoginResponse,
  PresenceRequest,
  TokenResponse,
  WrapUpRequest,
} from '../../shared/api';
import { type ErrorCode, isApiErrorBody } from '../../shared/errors';

/** How long any worker request may take before it counts as unreachable. */
export const WORKER_TIMEOUT_MS = 10_000;

/**
 * A worker answer as data: the callers branch on `code` (the worker's error code, or `network`
 * when it could not be reached, `bad_response` when it did not speak the API), never on text.
 */
export type WorkerResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: ErrorCode | 'network' | 'bad_response'; message: string };

export interface WorkerClient {
  login(request: LoginRequest): Promise<WorkerResult<LoginResponse>>;
  token(): Promise<WorkerResult<TokenResponse>>;
  recentCalls(): Promise<WorkerResult<CallSummary[]>>;
  wrapUp(callSid: string, request: WrapUpRequest): Promise<WorkerResult<null>>;
  presence(request: PresenceRequest): Promise<WorkerResult<null>>;
}

/** A client for one worker; `session` is the bearer for the agent routes. */
export function createWorkerClient(
  baseUrl: string,
  session: string | null,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): WorkerClient {
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    read: (json: unknown) => T | typeof UNEXPECTED,
  ): Promise<WorkerResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) headers.authorization = `Bearer ${session}`;
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(WORKER_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, status: 0, code: 'network', message: errorMessage(error) };
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (isApiErrorBody(json)) {
        return { ok: false, status: response.status, code: json.error.code, message: json.error.message };
      }
      const code: ErrorCode = response.status === 404 ? 'not_found' : 'internal';
      return { ok: false, status: response.status, code, message: `HTTP ${response.status}` };
    }
    const data = read(json);
    if (data === UNEXPECTED) {
      return { ok: false, status: response.status, code: 'bad_response', message: 'Unexpected answer.' };
    }
    return { ok: true, data };
  }

  return {
    login: (request) => call('POST', '/auth/login', request, readLogin),
    token: () => call('POST', '/token', undefined, readToken),
    recentCalls: () => call('GET', '/calls', undefined, readCalls),
    // Any 2xx is success for these: their bodies carry nothing the extension needs.
    wrapUp: (callSid, request) =>
      call('POST', `/calls/${encodeURIComponent(callSid)}/wrap-up`, request, () => null),
    presence: (request) => call('POST', '/presence', request, () => null),
  };
}

/** Marks a 2xx body that does not have the shape the API promises. */
const UNEXPECTED = Symbol('unexpected');

function readLogin(json: unknown): LoginResponse | typeof UNEXPECTED {
  if (!isObject(json) || typeof json.session !== 'string' || typeof json.expiresAt !== 'string')
    return UNEXPECTED;
  const agent = json.agent;
  if (!isObject(agent) || typeof agent.identity !== 'string' || typeof agent.name !== 'string')
    return UNEXPECTED;
  return json as unknown as LoginResponse;
}

function readToken(json: unknown): TokenResponse | typeof UNEXPECTED {
  if (!isObject(json) || typeof json.token !== 'string' || typeof json.expiresAt !== 'string')
    return UNEXPECTED;
  if (json.signalingUrl !== undefined && typeof json.signalingUrl !== 'string') return UNEXPECTED;
  return json as unknown as TokenResponse;
}

function readCalls(json: unknown): CallSummary[] | typeof UNEXPECTED {
  return isObject(json) && Array.isArray(json.calls) ? (json as unknown as CallsResponse).calls : UNEXPECTED;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
