/**
 * Talking to Odoo, behind one small interface so the transport can change: this is Odoo's
 * `/jsonrpc` endpoint (Odoo 8 to 21); Odoo 19's JSON-2 API can implement the same interface later.
 * Every call has a time limit: a slow Odoo must not hold a sign-in or a caller forever.
 */

/** How long one request to Odoo may take, in milliseconds. */
export const ODOO_TIMEOUT_MS = 8000;

/** Who an `executeKw` call runs as: an Odoo user id and that user's password or API key. */
export interface OdooAuth {
  uid: number;
  password: string;
}

export interface OdooClient {
  /** `common.login`: the user id, or null when Odoo refuses the login and password. */
  login(login: string, password: string): Promise<number | null>;
  /** `object.execute_kw`: a model method, as `auth`. The result is unchecked: validate it. */
  executeKw(
    auth: OdooAuth,
    model: string,
    method: string,
    args: unknown[],
    kwargs?: Record<string, unknown>,
  ): Promise<unknown>;
}

/** Odoo could not be reached, did not answer in time, or answered with an HTTP error. */
export class OdooUnreachableError extends Error {
  override readonly name = 'OdooUnreachableError';
}

/** Odoo answered, but with an error or with something that is not what the call returns. */
export class OdooResponseError extends Error {
  override readonly name = 'OdooResponseError';
  /**
   * @param exception Odoo's exception class when it answered with an error object
   *   (`odoo.exceptions.AccessError`, `psycopg2.OperationalError`…): whether retrying can help.
   */
  constructor(
    message: string,
    readonly exception?: string,
  ) {
    super(message);
  }
}

export interface JsonRpcClientOptions {
  /** Base URL of the Odoo instance (`ODOO_URL`). */
  url: string;
  /** Database name (`ODOO_DB`). */
  db: string;
  timeoutMs?: number;
  /** Defaults to the global `fetch`, looked up at call time (tests replace it). */
  fetch?: typeof fetch;
}

interface JsonRpcAnswer {
  result?: unknown;
  error?: { message?: unknown; data?: { name?: unknown; message?: unknown } };
}

/** Odoo's error text, short enough for a message to a person; never its traceback (`data.debug`). */
function describeOdooError(error: NonNullable<JsonRpcAnswer['error']>): string {
  const detail = typeof error.data?.message === 'string' ? error.data.message : error.message;
  const name = typeof error.data?.name === 'string' ? error.data.name.replace(/^odoo\.exceptions\./, '') : '';
  const text = typeof detail === 'string' ? detail : 'unknown error';
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return name ? `${name}: ${short}` : short;
}

export function createJsonRpcOdooClient(options: JsonRpcClientOptions): OdooClient {
  const endpoint = `${options.url.replace(/\/+$/, '')}/jsonrpc`;
  const timeoutMs = options.timeoutMs ?? ODOO_TIMEOUT_MS;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(service: string, method: string, args: unknown[]): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          method: 'call',
          params: { service, method, args },
          id: Math.floor(Math.random() * 1e9),
        }),
        // A POST that follows a redirect turns into a GET: say where Odoo moved instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new OdooUnreachableError(`Odoo did not answer within ${timeoutMs / 1000} s.`);
      }
      throw new OdooUnreachableError(`Odoo could not be reached at ${options.url}.`);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('Location');
      throw new OdooUnreachableError(
        `Odoo redirected to ${location ?? 'another address'}: set ODOO_URL to the address Odoo answers on.`,
      );
    }
    if (!response.ok) {
      throw new OdooUnreachableError(`Odoo answered HTTP ${response.status} at ${endpoint}.`);
    }
    let answer: JsonRpcAnswer;
    try {
      answer = (await response.json()) as JsonRpcAnswer;
    } catch {
      throw new OdooResponseError('Odoo answered with something that is not JSON.');
    }
    if (typeof answer !== 'object' || answer === null) {
      throw new OdooResponseError('Odoo answered with something that is not JSON-RPC.');
    }
    if (answer.error) {
      const exception = answer.error.data?.name;
      throw new OdooResponseError(
        `Odoo refused the request (${describeOdooError(answer.error)}).`,
        typeof exception === 'string' ? exception : undefined,
      );
    }
    if (!('result' in answer)) throw new OdooResponseError('Odoo answered without a result.');
    return answer.result;
  }

  return {
    async login(login, password) {
      const result = await call('common', 'login', [options.db, login, password]);
      if (result === false) return null;
      if (typeof result === 'number' && Number.isSafeInteger(result) && result > 0) return result;
      throw new OdooResponseError('Odoo answered the login with something that is not a user id.');
    },
    executeKw(auth, model, method, args, kwargs = {}) {
      return call('object', 'execute_kw', [options.db, auth.uid, auth.password, model, method, args, kwargs]);
    },
  };
}
