/**
 * `POST /jsonrpc` as Odoo 17 serves it: a JSON-RPC 2.0 envelope whose `params` are
 * `{service, method, args}`; the answer is always HTTP 200 `{"jsonrpc":"2.0","id":…,"result":…}`
 * or `{"jsonrpc":"2.0","id":…,"error":{"code":200,"message":"Odoo Server Error","data":{…}}}`,
 * except for a body that is not JSON (400 "Invalid JSON data"), not an object (400 "Invalid
 * JSON-RPC data") or not sent as JSON (400). Every call is logged; the failure mode, if any,
 * is applied here, once the call is known. Platform-neutral: server.ts serves it over node:http,
 * core.ts as a `fetch` function.
 */
import {
  BodyTooLarge,
  errorPage,
  type HttpAnswer,
  jsonAnswer,
  plainAnswer,
  type ResponseAnswer,
  sleep,
} from './answers';
import type { AuthOrigin } from './auth';
import type { CallLog, CallOutcome, OdooCall } from './call-log';
import { odooException, PythonException, raise, toErrorObject } from './errors';
import type { CallTarget, FailureInjector, ResolvedFailureMode } from './failures';
import type { CooldownMark } from './login-cooldown';
import { bindArguments } from './python-args';
import { dispatchRpc, type ServiceContext } from './services';

const JSON_MIMETYPES = ['application/json', 'application/json-rpc'];
const REDACTED = '<redacted>';

interface ParsedCall {
  id: unknown;
  params: Record<string, unknown>;
  /** What the log and the failure scopes see. */
  summary: Pick<
    OdooCall,
    'service' | 'method' | 'rpcMethod' | 'db' | 'uid' | 'login' | 'model' | 'args' | 'kwargs'
  >;
  target: CallTarget;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The call as the log shows it: the model method and its arguments, never a secret. */
function describe(params: Record<string, unknown>): Pick<ParsedCall, 'summary' | 'target'> {
  const service = typeof params.service === 'string' ? params.service : undefined;
  const rpcMethod = typeof params.method === 'string' ? params.method : undefined;
  const args = Array.isArray(params.args) ? params.args : [];
  if (service === 'object' && (rpcMethod === 'execute_kw' || rpcMethod === 'execute')) {
    const [db, uid, , model, method, methodArgs, kwargs] = args;
    const modelArgs =
      rpcMethod === 'execute_kw' ? (Array.isArray(methodArgs) ? methodArgs : []) : args.slice(5);
    const summary = {
      service,
      rpcMethod,
      method: typeof method === 'string' ? method : undefined,
      db,
      uid,
      model,
      args: modelArgs,
      kwargs: rpcMethod === 'execute_kw' && isRecord(kwargs) ? kwargs : {},
    };
    return {
      summary,
      target: { service, model: typeof model === 'string' ? model : undefined, method: summary.method },
    };
  }
  const isLogin = service === 'common' && (rpcMethod === 'login' || rpcMethod === 'authenticate');
  const summary = {
    service,
    rpcMethod,
    method: rpcMethod,
    ...(isLogin ? { db: args[0], login: args[1] } : {}),
    args: isLogin ? args.map((arg, index) => (index === 2 ? REDACTED : arg)) : args,
    kwargs: {},
  };
  return { summary, target: { service, method: rpcMethod } };
}

export interface JsonRpcDependencies extends ServiceContext {
  calls: CallLog;
  failures: FailureInjector;
}

/** One HTTP request to `/jsonrpc`, as the engine needs it. */
export interface JsonRpcRequest {
  contentType: string | null;
  /** The body text; may throw BodyTooLarge. */
  body(): Promise<string>;
  /** Where it came from, as Odoo sees it (`remote_addr`): the login cooldown counts per address. */
  remoteAddress: string;
}

/** Answers one request to `/jsonrpc`, applying the failure mode and logging the call. */
export async function answerJsonRpc(
  request: JsonRpcRequest,
  dependencies: JsonRpcDependencies,
): Promise<HttpAnswer> {
  const started = performance.now();
  const at = new Date().toISOString();
  const log = (entry: Partial<OdooCall> & { outcome: CallOutcome }) =>
    dependencies.calls.record({
      at,
      durationMs: performance.now() - started,
      remoteAddress: request.remoteAddress,
      args: [],
      kwargs: {},
      ...entry,
    });

  const parsed = await parseRequest(request);
  if ('rejected' in parsed) {
    log({ outcome: { kind: 'http-error', status: parsed.rejected.status } });
    return parsed.rejected;
  }
  const failure = dependencies.failures.take(parsed.target);
  const injected = failure ? { injected: failure.kind } : {};
  const early = failure ? await answerForFailure(failure, parsed) : undefined;
  if (early) {
    log({ ...parsed.summary, ...injected, outcome: early.outcome });
    return early.answer;
  }

  let cooldown: CooldownMark | undefined;
  const { outcome, envelope } = run(dependencies, parsed, {
    address: request.remoteAddress,
    mark: (what) => {
      cooldown = what;
    },
  });
  const marked = cooldown ? { cooldown } : {};
  if (failure?.kind === 'lose-response') {
    log({ ...parsed.summary, ...injected, ...marked, outcome, responseLost: true });
    return { kind: 'drop' };
  }
  log({ ...parsed.summary, ...injected, ...marked, outcome });
  return jsonAnswer(200, envelope);
}

/** Reads and checks the envelope, or says which 400 (or 413) to answer. */
async function parseRequest(request: JsonRpcRequest): Promise<ParsedCall | { rejected: ResponseAnswer }> {
  const mimetype = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_MIMETYPES.includes(mimetype)) {
    return {
      rejected: errorPage(
        400,
        "Request inferred type is compatible with ['http'] but 'json' was forced by route.",
      ),
    };
  }
  let text: string;
  try {
    text = await request.body();
  } catch (error) {
    if (error instanceof BodyTooLarge) return { rejected: errorPage(413) };
    throw error;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { rejected: plainAnswer(400, 'Invalid JSON data') };
  }
  if (!isRecord(payload)) return { rejected: plainAnswer(400, 'Invalid JSON-RPC data') };
  const params = payload.params ?? {};
  const usableParams = isRecord(params) ? params : {};
  return {
    id: payload.id ?? null,
    params: isRecord(params) ? params : { __invalid__: params },
    ...describe(usableParams),
  };
}

/** The answer a failure gives instead of Odoo's, if it answers at all (`slow` only delays). */
async function answerForFailure(
  failure: ResolvedFailureMode,
  parsed: ParsedCall,
): Promise<{ answer: HttpAnswer; outcome: CallOutcome } | undefined> {
  switch (failure.kind) {
    case 'down':
      return { answer: { kind: 'drop' }, outcome: { kind: 'dropped' } };
    case 'http-error':
      return { answer: errorPage(failure.status), outcome: { kind: 'http-error', status: failure.status } };
    case 'odoo-error': {
      const exception = odooException(failure.exception, failure.message);
      return {
        answer: jsonAnswer(200, { jsonrpc: '2.0', id: parsed.id, error: toErrorObject(exception) }),
        outcome: { kind: 'error', error: { name: exception.pythonName, message: exception.message } },
      };
    }
    case 'slow':
      await sleep(failure.delayMs);
      return undefined;
    case 'lose-response':
      return undefined;
  }
}

/** Runs the call like `RPC.jsonrpc(service, method, args)`; Python errors become error objects. */
function run(
  dependencies: ServiceContext,
  parsed: ParsedCall,
  origin: AuthOrigin,
): { outcome: CallOutcome; envelope: unknown } {
  try {
    if ('__invalid__' in parsed.params) {
      throw raise.typeError('cannot convert dictionary update sequence element #0 to a sequence');
    }
    const { values } = bindArguments(
      { qualname: 'RPC.jsonrpc', params: [{ name: 'service' }, { name: 'method' }, { name: 'args' }] },
      [],
      Object.fromEntries(
        Object.entries(parsed.params).filter(([key]) => ['service', 'method', 'args'].includes(key)),
      ),
    );
    const result = dispatchRpc(dependencies, values.service, values.method, values.args, origin);
    return { outcome: { kind: 'result', result }, envelope: { jsonrpc: '2.0', id: parsed.id, result } };
  } catch (error) {
    const exception = error instanceof PythonException ? error : internalError(error);
    return {
      outcome: { kind: 'error', error: { name: exception.pythonName, message: exception.message } },
      envelope: { jsonrpc: '2.0', id: parsed.id, error: toErrorObject(exception) },
    };
  }
}

/** A bug in the stand-in itself: still an Odoo-shaped error, and loud on stderr. */
function internalError(error: unknown): PythonException {
  console.error('odoo-standin: unexpected error', error);
  const message = error instanceof Error ? error.message : String(error);
  return new PythonException('builtins.RuntimeError', `odoo-standin internal error: ${message}`);
}
