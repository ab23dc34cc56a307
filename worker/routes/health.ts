import { Hono } from 'hono';
import type { HealthResponse } from '../../shared/api';
import { type Env, missingSettings, REQUIRED_SETTINGS } from '../env';

/** `GET /health`: liveness plus which settings are missing (names only, never values). */
export const health = new Hono<{ Bindings: Env }>().get('/', (c) => {
  const missing = missingSettings(c.env, REQUIRED_SETTINGS);
  const body: HealthResponse = {
    ok: missing.length === 0,
    missing,
    invalid: [],
  };
  return c.json(body, body.ok ? 200 : 503);
});
