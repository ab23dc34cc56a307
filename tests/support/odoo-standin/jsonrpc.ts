/**
 * `POST /jsonrpc` as Odoo 17 serves it: a JSON-RPC 2.0 envelope whose `params` are
 * `{service, method, args}`; the answer is always HTTP 200 `{"jsonrpc":"2.0","id":…,"result":…}`
 * or `{"jsonrpc":"2.0","id":…,"error":{"code":200,"message":"Odoo Server Error","data":{…}}}`,
 * except for a body that is not JSON (400 "Invalid JSON data"), not an object (400 "Invalid
 * JSON-RPC data") or not sent as JSON (400). Every call is logged; the failure mode, if any,
 * is applied here, once the call is known.
 */
import type { CallLog, CallOutcome, OdooCall } from './call-log';
import { odooException, PythonException, raise, toErrorObject } from './errors';
import type { CallTarget, FailureInjector, ResolvedFailureMode } from './failures';
import { BodyTooLarge, dropConnection, sendErrorPage, sendJson, sendPlain, sleep } from './http';
import { bindArguments } from './python-args';
import type { RouteContext, RouteHandler } from './router';
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

export function jsonRpcRoute(dependencies: JsonRpcDependencies): RouteHandler {
  return async (context) => {
    const started = performance.now();
    const at = new Date().toISOString();
    const log = (entry: Partial<OdooCall> & { outcome: CallOutcome }) =>
      dependencies.calls.record({
        at,
        durationMs: performance.now() - started,
        args: [],
        kwargs: {},
        ...entry,
      });

    const parsed = await parseRequest(context, log);
    if (!parsed) return;
    const failure = dependencies.failures.take(parsed.target);
    const injected = failure ? { injected: failure.kind } : {};
    if (
      failure &&
      (await answeredByFailure(context, failure, parsed, (outcome) =>
        log({ ...parsed.summary, ...injected, outcome }),
      ))
    ) {
      return;
    }

    const { outcome, envelope } = run(dependencies, parsed);
    if (failure?.kind === 'lose-response') {
      dropConnection(context.res);
      log({ ...parsed.summary, ...injected, outcome, responseLost: true });
      return;
    }
    log({ ...parsed.summary, ...injected, outcome });
    if (!context.res.destroyed) sendJson(context.res, 200, envelope);
  };
}

/** Reads and checks the envelope; answers (and logs) the 400s itself and then returns null. */
async function parseRequest(
  { req, res, body }: RouteContext,
  log: (entry: { outcome: CallOutcome }) => void,
): Promise<ParsedCall | null> {
  const reject = (status: number, send: () => void) => {
    send();
    log({ outcome: { kind: 'http-error', status } });
    return null;
  };
  const mimetype = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_MIMETYPES.includes(mimetype)) {
    return reject(400, () =>
      sendErrorPage(
        res,
        400,
        "Request inferred type is compatible with ['http'] but 'json' was forced by route.",
      ),
    );
  }
  let text: string;
  try {
    text = await body();
  } catch (error) {
    if (error instanceof BodyTooLarge) return reject(413, () => sendErrorPage(res, 413));
    throw error;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return reject(400, () => sendPlain(res, 400, 'Invalid JSON data'));
  }
  if (!isRecord(payload)) return reject(400, () => sendPlain(res, 400, 'Invalid JSON-RPC data'));
  const params = payload.params ?? {};
  const usableParams = isRecord(params) ? params : {};
  return {
    id: payload.id ?? null,
    params: isRecord(params) ? params : { __invalid__: params },
    ...describe(usableParams),
  };
}

/** Applies a failure that answers instead of Odoo; false when the call must still run. */
async function answeredByFailure(
  { res }: RouteContext,
  failure: ResolvedFailureMode,
  parsed: ParsedCall,
  log: (outcome: CallOutcome) => void,
): Promise<boolean> {
  switch (failure.kind) {
    case 'down':
      dropConnection(res);
      log({ kind: 'dropped' });
      return true;
    case 'http-error':
      sendErrorPage(res, failure.status);
      log({ kind: 'http-error', status: failure.status });
      return true;
    case 'odoo-error': {
      const exception = odooException(failure.exception, failure.message);
      sendJson(res, 200, { jsonrpc: '2.0', id: parsed.id, error: toErrorObject(exception) });
      log({ kind: 'error', error: { name: exception.pythonName, message: exception.message } });
      return true;
    }
    case 'slow':
      await sleep(failure.delayMs);
      return false;
    case 'lose-response':
      return false;
  }
}

/** Runs the call like `RPC.jsonrpc(service, method, args)`; Python errors become error objects. */
function run(dependencies: ServiceContext, parsed: ParsedCall): { outcome: CallOutcome; envelope: unknown } {
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
    const result = dispatchRpc(dependencies, values.service, values.method, values.args);
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
