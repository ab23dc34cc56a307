import type { Env } from './env';

/** The Hono environment every sub-app starts from; middleware adds its own variables. */
export type AppEnv = { Bindings: Env };
