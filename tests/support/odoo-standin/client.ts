/**
 * A tiny typed JSON-RPC client for Odoo's `/jsonrpc`, for tests and scripts (it speaks to the
 * stand-in and to a real Odoo alike). Not the worker's client: the worker has its own.
 *
 *   const odoo = createOdooClient({ url, db });
 *   const uid = await odoo.login('demo', 'marc-standin-password');   // number | false
 *   const session = odoo.session(uid as number, 'marc-standin-password');
 *   const leads = await session.searchRead('crm.lead', [['phone_mobile_search', '=', '+3210588558']], { fields: ['name'] });
 */
import type { OdooErrorData, OdooRpcErrorObject } from './errors';

export type { OdooErrorData, OdooRpcErrorObject } from './errors';

export interface JsonRpcResponse<T = unknown> {
  jsonrpc: '2.0';
  id: number | string | null;
  result?: T;
  error?: OdooRpcErrorObject;
}

/** Odoo answered with an error object (`error.data.name` says which exception). */
export class OdooRpcError extends Error {
  readonly code: number;
  readonly data: OdooErrorData;

  constructor(error: OdooRpcErrorObject) {
    super(`${error.data.name}: ${error.data.message}`);
    this.name = 'OdooRpcError';
    this.code = error.code;
    this.data = error.data;
  }
}

/** Odoo (or a proxy) answered something other than a JSON-RPC answer. */
export class OdooHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 200)}`);
    this.name = 'OdooHttpError';
  }
}

export type Domain = unknown[];

/** A record as `read`/`search_read` return it: always an `id`, then the fields asked for. */
export type OdooRecord = { id: number } & Record<string, unknown>;

export interface SearchReadOptions {
  fields?: string[];
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

export interface OdooSession {
  readonly uid: number;
  executeKw<T = unknown>(
    model: string,
    method: string,
    args?: unknown[],
    kwargs?: Record<string, unknown>,
  ): Promise<T>;
  searchRead<T = OdooRecord>(model: string, domain: Domain, options?: SearchReadOptions): Promise<T[]>;
  read<T = OdooRecord>(model: string, ids: number[], fields?: string[]): Promise<T[]>;
  write(model: string, ids: number[], values: Record<string, unknown>): Promise<boolean>;
  /** `message_post` on one record; resolves with the new `mail.message` id. */
  messagePost(model: string, id: number, kwargs: Record<string, unknown>): Promise<number>;
}

export interface OdooClient {
  /** The raw envelope (HTTP 200), whatever it holds. Throws OdooHttpError on another status. */
  rpc<T = unknown>(service: string, method: string, args: unknown[]): Promise<JsonRpcResponse<T>>;
  /** The `result`, or throws OdooRpcError. */
  call<T = unknown>(service: string, method: string, args: unknown[]): Promise<T>;
  /** `common.login`: the uid, or `false` for bad credentials. */
  login(login: string, passwordOrKey: string): Promise<number | false>;
  version(): Promise<{
    server_version: string;
    server_version_info: unknown[];
    server_serie: string;
    protocol_version: number;
  }>;
  session(uid: number, passwordOrKey: string): OdooSession;
}

export interface OdooClientOptions {
  url: string;
  db: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** Default: the global `fetch`. `OdooStandinCore.fetch` talks to a stand-in without a port. */
  fetch?: typeof fetch;
}

export function createOdooClient(options: OdooClientOptions): OdooClient {
  const endpoint = new URL('/jsonrpc', options.url).href;
  let nextId = 1;

  const rpc = async <T>(service: string, method: string, args: unknown[]): Promise<JsonRpcResponse<T>> => {
    const response = await (options.fetch ?? fetch)(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        params: { service, method, args },
        id: nextId++,
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (response.status !== 200) throw new OdooHttpError(response.status, text);
    return JSON.parse(text) as JsonRpcResponse<T>;
  };

  const call = async <T>(service: string, method: string, args: unknown[]): Promise<T> => {
    const answer = await rpc<T>(service, method, args);
    if (answer.error) throw new OdooRpcError(answer.error);
    return answer.result as T;
  };

  return {
    rpc,
    call,
    login: (login, passwordOrKey) =>
      call<number | false>('common', 'login', [options.db, login, passwordOrKey]),
    version: () => call('common', 'version', []),
    session(uid, passwordOrKey) {
      const executeKw = <T>(
        model: string,
        method: string,
        args: unknown[] = [],
        kwargs: Record<string, unknown> = {},
      ) => call<T>('object', 'execute_kw', [options.db, uid, passwordOrKey, model, method, args, kwargs]);
      return {
        uid,
        executeKw,
        searchRead: <T>(model: string, domain: Domain, { context, ...rest }: SearchReadOptions = {}) =>
          executeKw<T[]>(model, 'search_read', [domain], { ...rest, ...(context ? { context } : {}) }),
        read: <T>(model: string, ids: number[], fields?: string[]) =>
          executeKw<T[]>(model, 'read', [ids], fields ? { fields } : {}),
        write: (model, ids, values) => executeKw<boolean>(model, 'write', [ids, values]),
        messagePost: (model, id, kwargs) => executeKw<number>(model, 'message_post', [[id]], kwargs),
      };
    },
  };
}
