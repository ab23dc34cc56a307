import { Hono } from 'hono';
import type { Env } from './env';
import { handleError, handleNotFound } from './middleware/errors';
import { health } from './routes/health';

export type AppEnv = { Bindings: Env };

export const app = new Hono<AppEnv>().route('/health', health);

app.onError(handleError);
app.notFound(handleNotFound);
