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

/** How long sign-out waits for the worker to end the session before giving up on it. */
export const LOGOUT_TIMEOUT_MS = 3_000;

/**
 * A worker answer as data: the callers branch on `code` (the worker's error code, or `network`
 * when it could not be reached, `bad_response` when it did not speak the API), never on text.
 */
export type WorkerResult<T> = { ok: true; data: T } | WorkerFailure;

export interface WorkerFailure {
  ok: false;
  status: number;
  code: ErrorCode | 'network' | 'bad_response';
  /** The worker's sentence for a person (English), or what went wrong on the way. */
  message: string;
  /** The worker's `error.details`, when it gave any (e.g. `{standing}` on a refused agent). */
  details?: unknown;
  /**
   * When to ask again, in seconds (429, 503): `details.retryAfterSeconds`, else the
   * `Retry-After` header (which CORS may hide from the extension, hence the body first).
   */
  retryAfterSeconds?: number;
}

export interface WorkerClient {
  login(request: LoginRequest): Promise<WorkerResult<LoginResponse>>;
  token(): Promise<WorkerResult<TokenResponse>>;
  recentCalls(): Promise<WorkerResult<CallSummary[]>>;
  wrapUp(callSid: string, request: WrapUpRequest): Promise<WorkerResult<null>>;
  presence(request: PresenceRequest): Promise<WorkerResult<null>>;
  /** Ends this session at the worker, everywhere (`POST /auth/logout`, 204). */
  logout(): Promise<WorkerResult<null>>;
  /** `GET /health`: whether the worker is up (any answer below 500), quickly. */
  health(): Promise<WorkerResult<null>>;
}

/** A health check answers fast or counts as down: it is asked before a call when in doubt. */
export const HEALTH_TIMEOUT_MS = 3_000;

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
    timeoutMs = WORKER_TIMEOUT_MS,
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
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, status: 0, code: 'network', message: errorMessage(error) };
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (isApiErrorBody(json)) {
        const { code, message, details } = json.error;
        const failure: WorkerFailure = { ok: false, status: response.status, code, message };
        if (details !== undefined) failure.details = details;
        const retryAfterSeconds = retryAfterOf(details, response.headers.get('retry-after'));
        if (retryAfterSeconds !== undefined) failure.retryAfterSeconds = retryAfterSeconds;
        return failure;
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
    health: () => call('GET', '/health', undefined, () => null, HEALTH_TIMEOUT_MS),
    // Best effort and bounded: a sign-out never waits long for a worker that does not answer.
    logout: () => call('POST', '/auth/logout', undefined, () => null, LOGOUT_TIMEOUT_MS),
  };
}

/**
 * The worker says this session is over: 401 (expired, ended, an agent it no longer knows), or
 * 403 with `details.standing` (Odoo no longer allows the agent: archived, portal, out of the
 * group; the worker has deleted their sessions). Any other 403 is about one request only.
 */
export function endsSession(result: WorkerFailure): boolean {
  if (result.status === 401) return true;
  return (
    result.status === 403 &&
    typeof result.details === 'object' &&
    result.details !== null &&
    'standing' in result.details
  );
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
  const countries = json.allowedCountries;
  if (countries !== undefined && !(Array.isArray(countries) && countries.every((c) => typeof c === 'string')))
    return UNEXPECTED;
  return json as unknown as TokenResponse;
}

function readCalls(json: unknown): CallSummary[] | typeof UNEXPECTED {
  return isObject(json) && Array.isArray(json.calls) ? (json as unknown as CallsResponse).calls : UNEXPECTED;
}

/** Whole seconds ≥ 0 from `details.retryAfterSeconds` or a delta-seconds `Retry-After`. */
function retryAfterOf(details: unknown, header: string | null): number | undefined {
  const fromBody = isObject(details) ? details.retryAfterSeconds : undefined;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return Math.ceil(fromBody);
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim());
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
