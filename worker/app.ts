import { Hono } from 'hono/tiny';
import type { AppEnv } from './app-env';
import { limitBody } from './middleware/body-limit';
import { extensionCors } from './middleware/cors';
import { handleError, handleNotFound } from './middleware/errors';
import { requestLog } from './middleware/request-log';
import { auth } from './routes/auth';
import { calls } from './routes/calls';
import { health } from './routes/health';
import { presence } from './routes/presence';
import { token } from './routes/token';
import { twiml } from './routes/twiml';
import { webhooks } from './routes/webhooks';

export type { AppEnv } from './app-env';

// hono/tiny (PatternRouter): a handful of routes need no faster router, and it is ~2.4 KB gzip
// lighter, which the 60 KB bundle budget counts.
export const app = new Hono<AppEnv>()
  .use(requestLog())
  .use(extensionCors())
  .use(limitBody())
  .route('/health', health)
  .route('/auth', auth)
  .route('/token', token)
  .route('/presence', presence)
  .route('/calls', calls)
  .route('/twiml', twiml)
  .route('/webhooks', webhooks);

app.onError(handleError);
app.notFound(handleNotFound);
