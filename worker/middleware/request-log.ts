import { createMiddleware } from 'hono/factory';
import { type LogFields, writeLog } from '../log';

/**
 * One `request` log line per request: method, path, status, time, plus what the handlers learnt
 * on the way (`callSid`, `agent`), which they add with `c.get('logFields')`. The query string is
 * left out: it is not needed to follow a call and may carry what should not be logged.
 */
export function requestLog() {
  return createMiddleware<{ Variables: { logFields: LogFields } }>(async function requestLog(c, next) {
    const startedAt = Date.now();
    const fields: LogFields = {};
    c.set('logFields', fields);
    await next();
    const status = c.res.status;
    writeLog(status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Date.now() - startedAt,
      ray: c.req.header('cf-ray'),
      ...fields,
    });
  });
}
