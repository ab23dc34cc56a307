/**
 * `/__standin/`: the same controls as the in-process API, over HTTP and JSON, for processes that
 * did not start the stand-in (the local demo, benchmarks, tests driving `wrangler dev`). Never
 * affected by the failure mode. Errors use the project's JSON error shape (shared/errors.ts).
 *
 *   GET    /__standin/info                          url, db, version, credentials, failure
 *   GET    /__standin/failure                       {failure}
 *   POST   /__standin/fail        {kind, …}         {failure}   (see failures.ts)
 *   POST   /__standin/recover                       {failure: null}
 *   POST   /__standin/reset                         {reset: true}
 *   GET    /__standin/calls?service=&model=&method= {calls}
 *   DELETE /__standin/calls                         {cleared: true}
 *   GET    /__standin/messages?model=&res_id=       {messages}  (newest first)
 *   GET    /__standin/activities?model=&res_id=     {activities}
 *   GET    /__standin/records/<model>/<id>          {record}
 *   GET    /__standin/login-cooldown[?address=]     {cooldown} for one address, {cooldowns} for all
 *   DELETE /__standin/login-cooldown                {cleared: true}   (every address forgiven)
 */
import type { ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../../shared/errors';
import { StandinUsageError } from './core';
import { PythonException } from './errors';
import { sendJson } from './http';
import type { OdooStandin } from './index';
import type { RouteContext, Router } from './router';

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function sendError(res: ServerResponse, error: ControlError): void {
  const body: ApiErrorBody = {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
  sendJson(res, error.status, body);
}

async function jsonBody(context: RouteContext): Promise<unknown> {
  const text = await context.body();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError(400, 'bad_request', 'The body is not valid JSON.');
  }
}

function recordQuery(url: URL): { model: string; resId: number } {
  const model = url.searchParams.get('model');
  const resId = Number(url.searchParams.get('res_id'));
  if (!model || !Number.isInteger(resId) || resId <= 0) {
    throw new ControlError(400, 'bad_request', 'Give ?model=<model>&res_id=<positive integer>.');
  }
  return { model, resId };
}

function info(standin: OdooStandin) {
  return {
    url: standin.url,
    db: standin.db,
    version: standin.version,
    credentials: standin.credentials,
    failure: standin.failure(),
    loginCooldown: { after: standin.cooldown.after, seconds: standin.cooldown.seconds },
  };
}

export function controlRoutes(router: Router, standin: OdooStandin): void {
  const handle =
    (action: (context: RouteContext) => Promise<unknown> | unknown) =>
    async (context: RouteContext): Promise<void> => {
      try {
        sendJson(context.res, 200, await action(context));
      } catch (error) {
        if (error instanceof ControlError) sendError(context.res, error);
        else if (error instanceof ZodError) {
          sendError(context.res, new ControlError(400, 'bad_request', 'Not a failure mode.', error.issues));
        } else if (error instanceof PythonException || error instanceof StandinUsageError) {
          sendError(context.res, new ControlError(400, 'bad_request', error.message));
        } else throw error;
      }
    };
  const add = (method: string, path: string, action: (context: RouteContext) => Promise<unknown> | unknown) =>
    router.add(method, path, handle(action), 'exempt');

  add('GET', '/__standin', () => info(standin));
  add('GET', '/__standin/info', () => info(standin));
  add('GET', '/__standin/failure', () => ({ failure: standin.failure() }));
  add('POST', '/__standin/fail', async (context) => ({
    failure: await standin.fail((await jsonBody(context)) as never),
  }));
  add('POST', '/__standin/recover', async () => {
    await standin.recover();
    return { failure: null };
  });
  add('POST', '/__standin/reset', async () => {
    await standin.reset();
    return { reset: true };
  });
  add('GET', '/__standin/calls', ({ url }) => {
    const filters = ['service', 'model', 'method'] as const;
    const wanted = filters.flatMap((key) => {
      const value = url.searchParams.get(key);
      return value === null ? [] : [[key, value] as const];
    });
    return { calls: standin.calls.filter((call) => wanted.every(([key, value]) => call[key] === value)) };
  });
  add('DELETE', '/__standin/calls', () => {
    standin.clearCalls();
    return { cleared: true };
  });
  add('GET', '/__standin/messages', ({ url }) => {
    const { model, resId } = recordQuery(url);
    return { messages: standin.messagesOn(model, resId) };
  });
  add('GET', '/__standin/activities', ({ url }) => {
    const { model, resId } = recordQuery(url);
    return { activities: standin.activitiesOn(model, resId) };
  });
  add('GET', '/__standin/records/*', ({ url }) => {
    const [, , , model, id] = url.pathname.split('/');
    const resId = Number(id);
    if (!model || !Number.isInteger(resId)) {
      throw new ControlError(400, 'bad_request', 'Give /__standin/records/<model>/<id>.');
    }
    const [record] = standin.read(model, resId);
    if (!record) throw new ControlError(404, 'not_found', `No ${model} record ${resId}.`);
    return { record };
  });
  add('GET', '/__standin/login-cooldown', ({ url }) => {
    const address = url.searchParams.get('address');
    if (address === null) return { cooldowns: standin.cooldown.states() };
    if (address === '')
      throw new ControlError(400, 'bad_request', 'Give ?address=<source address>, or none for all.');
    return { cooldown: standin.loginCooldown(address) };
  });
  add('DELETE', '/__standin/login-cooldown', () => {
    standin.cooldown.clear();
    return { cleared: true };
  });
  add('*', '/__standin/*', ({ req, url }) => {
    throw new ControlError(404, 'not_found', `No control route ${req.method} ${url.pathname}.`);
  });
}
